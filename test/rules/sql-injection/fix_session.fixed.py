"""Flask-SQLAlchemy 2.x-era code passing raw strings to session.execute."""
from flask import Blueprint, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import text

db = SQLAlchemy()
bp = Blueprint("stats", __name__)


@bp.get("/stats/<team>")
def team_stats(team):
    # ruleid: sql-injection
    rows = db.session.execute(text("SELECT player, goals FROM stats WHERE team = :team"), {"team": team}).all()
    return {r.player: r.goals for r in rows}


@bp.get("/players")
def players():
    min_goals = request.args.get("min", "0")
    query = "SELECT player FROM stats WHERE goals >= :min_goals"
    with db.engine.connect() as conn:
        # ruleid: sql-injection
        return [r.player for r in conn.execute(db.text(query), {"min_goals": min_goals})]
