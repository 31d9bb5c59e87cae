"""The audio path's fixtures (``tests/pulse_audio.py``): PulseAudio, a tone, the PJSIP endpoint."""

from tests.pulse_audio import endpoint, pulse, pulse_daemon, tone_1k

__all__ = ["endpoint", "pulse", "pulse_daemon", "tone_1k"]  # fixtures, used by name
