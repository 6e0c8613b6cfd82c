#!/usr/bin/env python3
"""pty_run.py OUT ERR CMD...: runs CMD with its stderr on a pseudo-terminal
(stdout to the file OUT), and writes what the terminal received to ERR,
byte for byte; exits with CMD's exit code. progress_test.py imports run().

The terminal is raw (no "\\n" turned into "\\r\\n") and 200 columns wide,
so that what a program writes is what ERR holds.
"""
import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
import threading
import tty


def run(args, env=None, stdout_on_tty=False, timeout=300, stdin=subprocess.DEVNULL):
    """(exit code, stdout bytes, terminal bytes). With stdout_on_tty, stdout
    goes to the same terminal (stdout bytes are then empty)."""
    master, slave = pty.openpty()
    tty.setraw(slave)
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
    chunks = []

    def drain():  # read as it comes: a full terminal buffer would block the program
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: every writer has closed the terminal
                break
            if not data:
                break
            chunks.append(data)

    reader = threading.Thread(target=drain)
    reader.start()
    try:
        p = subprocess.run(args, env=env, stdin=stdin, stdout=slave if stdout_on_tty else subprocess.PIPE,
                           stderr=slave, timeout=timeout)
    finally:
        os.close(slave)
        reader.join()
        os.close(master)
    return p.returncode, p.stdout or b"", b"".join(chunks)


def main():
    if len(sys.argv) < 4:
        sys.exit("usage: pty_run.py OUT ERR CMD...")
    rc, out, err = run(sys.argv[3:])
    with open(sys.argv[1], "wb") as f:
        f.write(out)
    with open(sys.argv[2], "wb") as f:
        f.write(err)
    sys.exit(rc)


if __name__ == "__main__":
    main()
