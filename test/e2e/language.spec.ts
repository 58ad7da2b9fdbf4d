/**
 * Issue 4, two languages: the Language select switches the whole page to 简体中文 and the choice
 * survives a reload; a browser that prefers Chinese starts in Chinese.
 */
import { expect, test } from '@playwright/test';
import { chooseLanguage, openFresh, settingsMenu } from './support';

test('English → 简体中文 through the Language select, remembered after a reload', async ({ page }) => {
  await openFresh(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await chooseLanguage(page, '简体中文');

  const inChinese = async () => {
    await expect(page.getByRole('heading', { name: '任务中心', level: 1 })).toBeVisible();
    await expect(page.getByRole('heading', { name: '任务', level: 2, exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { name: '新建任务' })).toBeVisible();
    await expect(page.getByRole('button', { name: '提交', exact: true })).toBeVisible();
    await expect((await settingsMenu(page)).getByRole('combobox', { name: '语言' })).toHaveValue('zh-CN');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByText('Task Center', { exact: true })).toHaveCount(0);
  };
  await inChinese();
  await expect(page).toHaveTitle('任务中心');

  await page.reload();
  await inChinese();

  // And back.
  await chooseLanguage(page, 'English');
  await expect(page.getByRole('heading', { name: 'Task Center', level: 1 })).toBeVisible();
});

test.describe('a browser that prefers Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('starts in Chinese', async ({ page }) => {
    await page.goto('/');
    expect(await page.evaluate(() => navigator.language)).toBe('zh-CN');
    await expect(page.getByRole('heading', { name: '任务中心', level: 1 })).toBeVisible();
    await expect(page.getByRole('heading', { name: '任务', level: 2, exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: '提交', exact: true })).toBeVisible();
    await expect((await settingsMenu(page)).getByRole('combobox', { name: '语言' })).toHaveValue('zh-CN');
  });
});
