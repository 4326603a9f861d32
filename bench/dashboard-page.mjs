// Time for the dashboard to become interactive in Chromium, over whatever database the console at BASE_URL uses.
// Not a test: it prints timings and asserts nothing. Usage (see docs/performance.md, "Dashboard"):
//   node bench/dashboard-page.mjs http://127.0.0.1:5099 admin@bench.local 'Bench!Pass123' [runs]
// It loads playwright-core from the copy Microsoft.Playwright puts next to the test binaries (build the tests first).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const { chromium } = require(path.join(here, '../OptOutConsole.Tests/bin/Debug/net10.0/.playwright/package/index.js'));

const [baseUrl, email, password, runsText] = process.argv.slice(2);
const runs = Number(runsText ?? 5);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await (await browser.newContext()).newPage();
await page.goto(`${baseUrl}/Account/Login`);
await page.fill('#Input\\.Email', email);
await page.fill('#Input\\.Password', password);
await page.click('#login-submit');
await page.locator("#interactive-marker[data-interactive='true']").waitFor({ state: 'attached', timeout: 30000 });

for (let i = 1; i <= runs; i++) {
    const started = Date.now();
    await page.goto(`${baseUrl}/dashboard`);
    const loaded = Date.now();
    await page.locator("#interactive-marker[data-interactive='true']").waitFor({ state: 'attached', timeout: 30000 });
    const interactive = Date.now();
    await page.locator('#total-stop [data-value]').waitFor({ timeout: 30000 });
    await page.locator('#events-table tbody tr').first().waitFor({ timeout: 30000 });
    const filled = Date.now();
    console.log(`run ${i}: load event ${loaded - started} ms, interactive ${interactive - started} ms, totals and latest events shown ${filled - started} ms`);
}

await browser.close();
