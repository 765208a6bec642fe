import { randomBytes } from 'node:crypto';
import { expect, signIn, signInWithForm, test } from './support/fixtures.ts';

test('an admin creates a user, who then signs in', async ({ browser, page, admin }) => {
  const email = `new-${randomBytes(4).toString('hex')}@e2e.example`;
  await signIn(page, admin);
  await page.goto('/admin/users');
  const form = page.getByRole('form', { name: 'Create user' });
  await form.getByLabel('E-mail').fill(email);
  await form.getByLabel('Name').fill('Newly Created');
  await form.getByLabel('Role').selectOption('REVIEWER');
  await form.getByLabel('Initial password').fill('a-fine-initial-password');
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(form.getByRole('status')).toHaveText(`Created ${email}.`);
  await expect(page.getByRole('row', { name: email })).toContainText('Newly Created');

  const context = await browser.newContext();
  const newcomer = await context.newPage();
  await signInWithForm(newcomer, email, 'a-fine-initial-password');
  await expect(newcomer.getByRole('heading', { name: 'Welcome, Newly Created' })).toBeVisible();
  await expect(newcomer.getByText('Awaiting review')).toBeVisible();
  await context.close();
});

test('user creation refuses bad input with field errors and creates nothing', async ({ page, admin, researcher }) => {
  await signIn(page, admin);
  await page.goto('/admin/users');
  const form = page.getByRole('form', { name: 'Create user' });

  await form.getByLabel('E-mail').fill(researcher.email.toUpperCase());
  await form.getByLabel('Name').fill('Duplicate');
  await form.getByLabel('Initial password').fill('long-enough-password');
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(form.getByText('A user with this e-mail address already exists.')).toBeVisible();

  await form.getByLabel('E-mail').fill('not an email');
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(form.getByText('Enter a valid e-mail address.')).toBeVisible();

  const shortPasswordEmail = `short-${randomBytes(3).toString('hex')}@e2e.example`;
  await form.getByLabel('E-mail').fill(shortPasswordEmail);
  await form.getByLabel('Initial password').fill('short');
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(form.getByText('A password has at least 10 characters.')).toBeVisible();

  await page.reload();
  await expect(page.getByRole('row', { name: researcher.email })).toHaveCount(1);
  await expect(page.getByRole('row', { name: shortPasswordEmail })).toHaveCount(0);
});

test("an admin changes a role and resets a password, which ends the user's sessions", async ({ browser, page, admin, researcher }) => {
  const before = await browser.newContext();
  const beforePage = await before.newPage();
  await signIn(beforePage, researcher);
  expect((await beforePage.request.get('/api/articles')).status()).toBe(200);

  await signIn(page, admin);
  await page.goto('/admin/users');
  const row = page.getByRole('row', { name: researcher.email });
  await row.getByLabel(`Role of ${researcher.email}`).selectOption('REVIEWER');
  await expect(row.getByRole('status')).toHaveText('Role changed to reviewer.');

  await row.getByRole('button', { name: `Reset password of ${researcher.email}` }).click();
  await row.getByLabel(`New password for ${researcher.email}`).fill('brand-new-password');
  await row.getByRole('button', { name: 'Set password', exact: true }).click();
  await expect(row.getByRole('status')).toHaveText('Password reset.');
  expect((await beforePage.request.get('/api/articles')).status()).toBe(401);
  await before.close();

  const context = await browser.newContext();
  const theirs = await context.newPage();
  await signInWithForm(theirs, researcher.email, 'brand-new-password');
  await expect(theirs.getByRole('heading', { name: `Welcome, ${researcher.name}` })).toBeVisible();
  await expect(theirs.getByRole('banner')).toContainText('reviewer');
  await context.close();
});
