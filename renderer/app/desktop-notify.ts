// Desktop notifications through the web Notification API: the same call in the Electron app (whose session allows
// only this permission) and in a browser on the web bridge. Asked for on first use; refused means silent.
export function desktopNotify(title: string, body: string): void {
  if (typeof Notification === 'undefined') return;
  const show = () => void new Notification(title, { body, tag: `${title}\n${body}` });
  if (Notification.permission === 'granted') show();
  else if (Notification.permission === 'default') {
    void Notification.requestPermission().then((p) => {
      if (p === 'granted') show();
    });
  }
}
