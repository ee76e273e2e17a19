"""Custom actions run by the action server (rasa-sdk): thin, over bot.facts.queries."""
