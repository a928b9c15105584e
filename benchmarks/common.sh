# What the benchmark scripts share; sourced, not run.

# need COMMAND PACKAGE — installs the Debian package when the command is missing.
need() { command -v "$1" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ratio() { python3 -c "import sys; a, b = float(sys.argv[1] or 0), float(sys.argv[2] or 0); print(f'{a / b:.2f}' if b else 'n/a')" "$1" "$2"; }
at_least() { python3 -c "import sys; print('yes' if float(sys.argv[1]) >= float(sys.argv[2]) else 'NO')" "$1" "$2"; }
at_most() { python3 -c "import sys; print('yes' if float(sys.argv[1]) <= float(sys.argv[2]) else 'NO')" "$1" "$2"; }

# binaries LABEL=BINARY ... — sets BINARIES to those given, or else to the current release build
# ("now").
binaries() {
    BINARIES=("$@")
    if (( ${#BINARIES[@]} == 0 )); then
        swift build -c release --product loket >&2
        BINARIES=("now=$(swift build -c release --show-bin-path)/loket")
    fi
}
