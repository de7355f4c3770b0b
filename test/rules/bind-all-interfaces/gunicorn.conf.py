workers = 4
# ruleid: bind-all-interfaces
bind = "0.0.0.0:8000"


def post_fork(server, worker):
    # ok: bind-all-interfaces
    bind = "0.0.0.0:9000"
    return bind
