// A real VM through the UI: it appears in the table, starts, shows live stats, refuses to stop while locked, is
// forced off with confirmation, and is deleted.
import { randomBytes } from 'node:crypto';
import { defineTiny, expect, openVmRow, purge, shot, test } from './webapi-fixture.js';

test('lifecycle of a VM from the table and the details view', async ({ page, webapi, tb }) => {
  const name = `rdr-e2e-${randomBytes(3).toString('hex')}`;
  defineTiny(tb, 1, name);
  try {
    const row = await openVmRow(page, webapi, tb, name, 'shutoff');

    // Start from the row menu; the state arrives by event.
    await row.getByTestId('vm-menu').click();
    await page.getByRole('menuitem').and(page.getByTestId('vm-action-start')).click();
    await expect(row).toHaveAttribute('data-state', 'running', { timeout: 30_000 });
    // The CPU sparkline fills from the 1 Hz stats ticks.
    await expect(row.getByTestId('cpu-cell')).toBeVisible({ timeout: 15_000 });
    await shot(page, 'vm-table-running');

    // Details: performance graphs fill from the stats ticks; XML is the real domain.
    await row.getByTestId('vm-open').click();
    const details = page.getByTestId(`vm-details-h1-${name}`);
    await expect(details).toHaveAttribute('data-state', 'running');
    await shot(page, 'vm-overview');
    await page.getByTestId('tab-xml').click();
    await expect(page.getByTestId('vm-xml')).toContainText(`<name>${name}</name>`);
    await shot(page, 'vm-xml');
    await page.getByTestId('tab-performance').click();
    await expect(page.getByTestId('graph-cpu')).not.toContainText('Waiting for samples', { timeout: 15_000 });
    await shot(page, 'vm-performance');

    // Locked: stop actions are disabled.
    await page.getByTestId('tab-overview').click();
    await details.getByTestId('vm-lock').click({ force: true });
    await expect(details.getByTestId('vm-action-shutdown')).toBeDisabled({ timeout: 10_000 });
    await shot(page, 'vm-locked');
    await details.getByTestId('vm-lock').click({ force: true });
    await expect(details.getByTestId('vm-action-shutdown')).toBeEnabled({ timeout: 10_000 });

    // Force off asks first.
    await details.getByTestId('vm-more').click();
    await page.getByTestId('vm-action-destroy').click();
    await shot(page, 'vm-confirm-destroy');
    await page.getByTestId('confirm-ok').click();
    await expect(details).toHaveAttribute('data-state', 'shutoff', { timeout: 30_000 });

    // Delete needs the name typed.
    await details.getByTestId('vm-more').click();
    await page.getByTestId('vm-action-delete').click();
    await expect(page.getByTestId('delete-confirm')).toBeDisabled();
    await page.getByTestId('delete-type-name').fill(name);
    await shot(page, 'vm-confirm-delete');
    await page.getByTestId('delete-confirm').click();
    await page.getByTestId('tab-list').click();
    await expect(page.getByTestId(`vm-row-h1-${name}`)).toHaveCount(0, { timeout: 30_000 });
  } finally {
    purge(tb, 1, name);
  }
});
