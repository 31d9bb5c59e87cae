"""The audio path's fixtures (``tests/voice_fixtures.py``): PulseAudio, a tone, the PJSIP endpoint."""

from tests.voice_fixtures import endpoint, pulse, pulse_audio, tone_1k

__all__ = ["endpoint", "pulse", "pulse_audio", "tone_1k"]  # fixtures, used by name
