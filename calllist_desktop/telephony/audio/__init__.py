"""The program's own audio path (SPEC §6): PJSIP on its null sound device, PortAudio for the devices.

- :mod:`.devices` lists and resolves sound devices by name;
- :mod:`.ring` and :mod:`.streams` carry samples between PortAudio's clock and PJSIP's;
- :mod:`.port` is the media port joined to a call; :mod:`.call_audio` the object a line is given;
- :mod:`.recorder` writes a call's stereo recording, :mod:`.player` plays one back on the speaker;
- :mod:`.ringtone` and :mod:`.mic_test` the rest.

``pjsua2`` and ``sounddevice`` load only when these modules are imported, never with the package.
"""
