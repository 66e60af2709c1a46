// Runs the OAuth authorization code flow's pages in headless Chromium with JavaScript turned off, as a
// user would: open the authorize URL, sign in, press Allow. The client's redirect URI is intercepted
// and answered locally. Prints one JSON object {ok, details} with the URL the browser came back to.
// Usage: node oauth-consent.mjs <authorize url> <redirect uri> <email> <password>
import { chromium } from 'playwright-core';

const [authorizeUrl, redirectUri, email, password] = process.argv.slice(2);
if (!password) {
  console.error('usage: node oauth-consent.mjs <authorize url> <redirect uri> <email> <password>');
  process.exit(2);
}

const details = { steps: [] };
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
});

let ok = false;
try {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  let callback;
  await context.route(`${redirectUri}**`, (route) => {
    callback = route.request().url();
    return route.fulfill({ status: 200, contentType: 'text/plain', body: 'back at the app' });
  });

  await page.goto(authorizeUrl);
  details.steps.push({ name: 'login page', url: page.url() });
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForLoadState('load'), page.click('button[type=submit]')]);
  await page.waitForSelector('button[value=allow]');
  details.steps.push({ name: 'consent page', url: page.url(), text: (await page.textContent('body')).slice(0, 500) });
  await page.click('button[value=allow]');
  await page.waitForURL(`${redirectUri}**`);
  details.callback = callback ?? page.url();
  ok = true;
} catch (error) {
  details.error = String(error?.message ?? error).slice(0, 1000);
} finally {
  await browser.close();
}

console.log(JSON.stringify({ ok, details }));
