// Runs a user-triggered call and reports failure (and optionally success) as a toast.
import { notifications } from '@mantine/notifications';
import { errorMessage } from './errors.js';

export async function withToast<T>(failTitle: string, run: () => Promise<T>, successText?: string): Promise<T | undefined> {
  try {
    const value = await run();
    if (successText) notifications.show({ message: successText, color: 'teal', autoClose: 3000 });
    return value;
  } catch (err) {
    notifications.show({ title: failTitle, message: errorMessage(err), color: 'red', autoClose: 8000 });
    return undefined;
  }
}

export { errorMessage };
