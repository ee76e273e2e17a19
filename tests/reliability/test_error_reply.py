"""Every failed turn gets the polite error, not only the first (Rasa's channels empty the dict they send)."""

from __future__ import annotations

from tests.reliability.conftest import CHANNELS, Server


def test_three_failed_turns_in_a_row_each_get_the_polite_error_on_each_channel(server: Server) -> None:
    server.stack.stop_actions()
    try:
        for channel in CHANNELS:
            for turn in range(3):
                replies = server.ask(channel, f"failing-{channel}", f"what is PLS? ({turn})")
                errors = [m for m in replies if (m.get("custom") or {}).get("kind") == "error"]
                assert len(errors) == 1, (channel, turn, replies)
                assert "try again" in errors[0]["text"], (channel, turn, errors)
    finally:
        server.stack.start_actions()
    for channel in CHANNELS:  # and the next turn is answered normally
        replies = server.ask(channel, f"failing-{channel}", "what is PLS?")
        assert any((m.get("custom") or {}).get("kind") == "answer" for m in replies), replies
