"""Persistence adapter: SQLAlchemy 2 Core tables, engine, migrations, repositories."""
