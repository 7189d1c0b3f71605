// Bounds on what one XDR item may claim, so a hostile or broken peer cannot make us allocate without limit.

/**
 * Longest variable-length string or opaque: libvirt's REMOTE_STRING_MAX (= VIR_NET_MESSAGE_STRING_MAX, 4 MiB).
 * Every string of the remote protocol is declared with it; libvirt 9.0's own client accepts 4,194,304 bytes and
 * refuses 4,194,305 ("Unable to decode message payload"), checked against a scripted socket.
 */
export const MAX_VARIABLE_LENGTH = 4 * 1024 * 1024;
