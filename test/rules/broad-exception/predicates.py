# A predicate whose except answers with a constant: the failure is the
# answer. The same handler in a function that does work still hides it.
import json


class Plugin:
    @property
    def broken(self):
        try:
            registry.get(self.slug)
            return False
        # ok: broad-exception
        except Exception:
            return True


def is_json(text):
    try:
        json.loads(text)
        return True
    # ok: broad-exception
    except Exception:
        return False


def same_config(a, b):
    try:
        return load(a) == load(b)
    # ok: broad-exception
    except Exception:
        return False


def save_user(session, user):
    try:
        session.add(user)
        session.commit()
        return True
    # ruleid: broad-exception
    except Exception:
        return False


def has_rows(session):
    try:
        return session.scalar(count_query())
    # ruleid: broad-exception
    except Exception:
        return None
