/**
 * A browser without JavaScript, over real HTTP (through the proxy): keeps the session cookie,
 * sends the last page's CSRF token with each form, follows no redirects, and notes which web
 * server answered (HAProxy's X-Carepath-Server header).
 */
export function httpBrowser(baseUrl: string, session: { cookie: string; csrfToken: string }) {
  let csrf = session.csrfToken;
  const send = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${baseUrl}${path}`, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: session.cookie },
      signal: AbortSignal.timeout(90_000),
    });
    const body = await response.text();
    csrf = /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? csrf;
    return {
      status: response.status,
      location: response.headers.get('location'),
      server: response.headers.get('x-carepath-server') ?? '?',
      body,
    };
  };
  return {
    get: (path: string) => send(path),
    post: (path: string, form: Record<string, string>) =>
      send(path, {
        method: 'POST',
        body: new URLSearchParams({ _csrf: csrf, ...form }),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
  };
}

export type HttpBrowser = ReturnType<typeof httpBrowser>;

/** Step 1's fields for an urgent cardiology referral from practice `orgCode`. */
export function referralDetails(orgCode: string): Record<string, string> {
  return {
    'patient-nhsNumber': '943 476 5919',
    'patient-givenName': 'Drill',
    'patient-familyName': 'Patient',
    'patient-dateOfBirth-day': '4',
    'patient-dateOfBirth-month': '5',
    'patient-dateOfBirth-year': '1958',
    'patient-sex': 'male',
    'patient-address': '1 Park Row, Leeds',
    'patient-postcode': 'LS1 5AB',
    'patient-registeredPracticeCode': orgCode,
    priority: 'URGENT',
    specialty: 'CARDIOLOGY',
    reason: 'Palpitations',
    clinicalInformation: '',
    'letter-status': 'TO_FOLLOW',
    // Typed by hand, not looked up in the demographics service.
    'patient-source': 'manual',
  };
}

/** What must never reach a user: a stack trace, a raw connection error, a "refused". */
export function leaksInternals(body: string): string | undefined {
  const found =
    /\n\s+at [\w.<>$]+ \(|ECONNREFUSED|ECONNRESET|14 UNAVAILABLE|refused|Unhandled|TypeError|\.ts:\d+/i.exec(body);
  return found?.[0];
}
