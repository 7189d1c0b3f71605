// @vitest-environment jsdom
// The bridge token in a browser tab: taken from the address's #token=, moved out of the address bar into this tab's
// sessionStorage, found there after a reload; never in a cookie.
import { beforeEach, describe, expect, it } from 'vitest';
import { takeSessionToken } from '../../../renderer/api/session-token.js';

describe('takeSessionToken', () => {
  beforeEach(() => {
    sessionStorage.clear();
    history.replaceState(null, '', '/');
  });

  it('takes the token from the fragment, clears it from the address, and keeps it for reloads', () => {
    history.replaceState(null, '', '/vms?x=1#token=abc_DEF-123');
    expect(takeSessionToken(location, sessionStorage, history)).toBe('abc_DEF-123');
    expect(location.hash).toBe('');
    expect(location.pathname + location.search).toBe('/vms?x=1');
    // A reload: no fragment any more.
    expect(takeSessionToken(location, sessionStorage, history)).toBe('abc_DEF-123');
    expect(document.cookie).toBe('');
  });

  it('a newer address wins over the stored token; none at all is null', () => {
    expect(takeSessionToken(location, sessionStorage, history)).toBeNull();
    sessionStorage.setItem('virtdeck.token', 'old');
    history.replaceState(null, '', '/#token=new');
    expect(takeSessionToken(location, sessionStorage, history)).toBe('new');
  });
});
