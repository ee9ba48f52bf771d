import { chromium, type Browser, type Page } from 'playwright-core';
import type { TestSession } from './session';

/** The machine's Debian Chromium, headless; never a downloaded browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A page in its own browser context, signed in as this session's user (the cookie sign-in would set). */
export async function signedInPage(browser: Browser, baseUrl: string, session: TestSession): Promise<Page> {
  const context = await browser.newContext();
  const [name, value] = session.cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: baseUrl }]);
  return context.newPage();
}
