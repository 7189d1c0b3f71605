// Runs a user-triggered call and reports failure (and optionally success) as a toast.
import { notifications } from '@mantine/notifications';

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export async function withToast<T>(failTitle: string, run: () => Promise<T>, successText?: string): Promise<T | undefined> {
  try {
    const value = await run();
    if (successText) notifications.show({ message: successText, color: 'teal', autoClose: 3000 });
    return value;
  } catch (err) {
    notifications.show({ title: failTitle, message: message(err), color: 'red', autoClose: 8000 });
    return undefined;
  }
}

export { message as errorMessage };
