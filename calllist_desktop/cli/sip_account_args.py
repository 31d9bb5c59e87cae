"""The ``sip-account`` command's options, apart from the command so that building the parser
loads neither the account's checks nor the SIP line (``bench/cli_start.py``)."""

from __future__ import annotations

from typing import Any

TRANSPORTS = ("udp", "tcp", "tls")  # telephony.account.TRANSPORTS; a test keeps them equal
TEST_TIMEOUT = 15.0  # seconds `test` waits for the registrar's last word


def add_parser(commands: Any, handler: object) -> None:
    """The ``sip-account`` command and its three sub-commands (no store is opened for them)."""
    parser = commands.add_parser("sip-account", help="set up, show and test this computer's SIP account")
    parser.set_defaults(handler=handler)
    actions = parser.add_subparsers(dest="sip_command", required=True)
    p = actions.add_parser("set", help="save the account (the password from standard input into the keyring)")
    p.add_argument("--registrar", required=True, metavar="HOST[:PORT]", help="registrar and SIP domain")
    p.add_argument("--user", dest="sip_user", required=True, metavar="USER", help="the SIP user name")
    p.add_argument(
        "--auth-user", default="", metavar="U", help="digest user name, when it differs from --user"
    )
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    p.add_argument("--transport", choices=TRANSPORTS, default="udp")
    p.add_argument("--proxy", default="", metavar="URI", help="outbound proxy")
    p.add_argument(
        "--dial-template", default="{national}", metavar="T", help="{national}, {e164} or {digits}"
    )
    p.add_argument(
        "--ring-timeout", type=float, default=None, metavar="S", help="seconds a call rings (default 30)"
    )
    p.add_argument("--no-register", action="store_true", help="dial directly, never REGISTER")
    p.add_argument("--bind", default="", metavar="ADDR", help="the local IP address to use")
    p.add_argument(
        "--tls-ca-file", default="", metavar="PEM", help="TLS: CAs to trust instead of the system's"
    )
    p.add_argument(
        "--tls-no-verify",
        action="store_true",
        help="TLS: do not verify the server's certificate (not recommended)",
    )
    p.add_argument("--audio-in", default="", metavar="DEVICE", help="microphone (default: the system's)")
    p.add_argument("--audio-out", default="", metavar="DEVICE", help="speaker (default: the system's)")
    p = actions.add_parser("show", help="show the saved account (never the password)")
    p.add_argument("--json", action="store_true")
    p = actions.add_parser("test", help="register once and say how it went")
    p.add_argument(
        "--timeout", type=float, default=TEST_TIMEOUT, metavar="S", help="seconds to wait (default 15)"
    )
    p.add_argument("--json", action="store_true")
