#!/bin/sh
# ns-connect.sh INIT-PID PORT -- run by the root-namespace socat listener, once per TCP
# connection: enter the host's network namespace and relay stdin/stdout to its
# 127.0.0.1:PORT (the host's sshd).  global-setup.ts recognises a test bed's listener by
# "EXEC:<dir>/lib/ns-connect.sh" in its command line.  nodelay and -b: see forward_port in up.sh.
exec nsenter --net=/proc/"$1"/ns/net socat -b 262144 STDIO TCP:127.0.0.1:"$2",nodelay
