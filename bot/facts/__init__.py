"""The structured fact store the bot answers from.

Built from the reviewed YAML in ``data/facts`` by ``python -m bot.facts build``;
queried by the action server through :mod:`bot.facts.queries`.
"""
