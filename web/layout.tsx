import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';

const HTMX_CONFIG = JSON.stringify({
  // htmx would add its indicator styles as an inline <style>, which the Content-Security-Policy refuses.
  includeIndicatorStyles: false,
  responseHandling: [
    { code: '204', swap: false },
    { code: '[23]..', swap: true },
    { code: '409|422', swap: true },
    { code: '[45]..', swap: false, error: true },
  ],
});

export type LayoutProps = {
  title: string;
  children: Child;
  /** Shown at the right of the header: who is signed in, in which organisation and role. */
  account?: Child;
  /** The header's search form, left of the account links (NHS.UK header with search). */
  search?: Child;
  /** Navigation links under the header. */
  navigation?: { href: string; text: string; current?: boolean }[];
  /** Rendered above <main>, e.g. a back link. */
  beforeContent?: Child;
};

/** The NHS.UK frontend page template, as a component. */
export function Layout({ title, children, account, search, navigation, beforeContent }: LayoutProps) {
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <title>{`${title} - Carepath`}</title>
          <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
          <meta name="theme-color" content="#005eb8" />
          {/* htmx 2 swaps no 4xx by default; a form's 422 (what to fix) and 409 (the referral changed) must show. */}
          <meta name="htmx-config" content={HTMX_CONFIG} />
          <link rel="icon" href="/assets/images/favicon.ico" sizes="48x48" />
          <link rel="icon" href="/assets/images/favicon.svg" sizes="any" type="image/svg+xml" />
          <link rel="stylesheet" href="/assets/nhsuk-frontend.min.css" />
          <link rel="stylesheet" href="/assets/carepath.css" />
          <script src="/assets/htmx.min.js" defer></script>
          <script type="module" src="/assets/carepath.js"></script>
        </head>
        <body>
          <a class="nhsuk-skip-link" data-module="nhsuk-skip-link" href="#maincontent">
            Skip to main content
          </a>
          <header class="nhsuk-header" data-module="nhsuk-header" role="banner">
            <div class="nhsuk-header__container nhsuk-width-container">
              <div class="nhsuk-header__service">
                <a class="nhsuk-header__service-logo" href="/" aria-label="Carepath homepage">
                  <NhsLogo />
                  <span class="nhsuk-header__service-name">Carepath</span>
                </a>
              </div>
              {search}
              {account}
            </div>
            {navigation && navigation.length > 0 && (
              <nav class="nhsuk-header__navigation" aria-label="Menu">
                <div class="nhsuk-header__navigation-container nhsuk-width-container">
                  <ul class="nhsuk-header__navigation-list">
                    {navigation.map((link) => (
                      <li class="nhsuk-header__navigation-item">
                        <a
                          class="nhsuk-header__navigation-link"
                          href={link.href}
                          aria-current={link.current ? 'page' : undefined}
                        >
                          {link.text}
                        </a>
                      </li>
                    ))}
                  </ul>
                </div>
              </nav>
            )}
          </header>
          <div class="nhsuk-width-container">
            {beforeContent}
            <main class="nhsuk-main-wrapper" id="maincontent">
              {children}
            </main>
          </div>
          <footer class="nhsuk-footer" role="contentinfo">
            <div class="nhsuk-width-container">
              <div class="nhsuk-footer__meta">
                <p class="nhsuk-body-s">Carepath: open-source referral case management.</p>
              </div>
            </div>
          </footer>
        </body>
      </html>
    </>
  );
}

function NhsLogo() {
  return (
    <svg
      class="nhsuk-header__logo"
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 200 80"
      height="40"
      width="100"
      focusable="false"
      role="img"
      aria-label="NHS"
    >
      <title>NHS</title>
      <path
        fill="currentcolor"
        d="M200 0v80H0V0h200Zm-27.5 5.5c-14.5 0-29 5-29 22 0 10.2 7.7 13.5 14.7 16.3l.7.3c5.4 2 10.1 3.9 10.1 8.4 0 6.5-8.5 7.5-14 7.5s-12.5-1.5-16-3.5L135 70c5.5 2 13.5 3.5 20 3.5 15.5 0 32-4.5 32-22.5 0-19.5-25.5-16.5-25.5-25.5 0-5.5 5.5-6.5 12.5-6.5a35 35 0 0 1 14.5 3l4-13.5c-4.5-2-12-3-20-3Zm-131 2h-22l-14 65H22l9-45h.5l13.5 45h21.5l14-65H64l-9 45h-.5l-13-45Zm63 0h-18l-13 65h17l6-28H117l-5.5 28H129l13.5-65H125L119.5 32h-20l5-24.5Z"
      />
    </svg>
  );
}
