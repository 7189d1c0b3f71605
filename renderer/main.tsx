// Renderer entry: the real API client (Electron preload or the loopback web API) under the UI.
import { getApi } from './api/index.js';
import { boot } from './boot.js';

boot(getApi(), document.getElementById('root') as HTMLElement);
