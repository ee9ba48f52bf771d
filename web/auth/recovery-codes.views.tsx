import { Layout } from '../layout';

/** The recovery codes, shown once: at the first sign-in and whenever the user asks for new ones. */
export function RecoveryCodesPage({ codes, next }: { codes: string[]; next: string }) {
  return (
    <Layout title="Save your recovery codes">
      <div class="nhsuk-grid-row">
        <div class="nhsuk-grid-column-two-thirds">
          <h1 class="nhsuk-heading-l">Save your recovery codes</h1>
          <div class="nhsuk-warning-callout">
            <h2 class="nhsuk-warning-callout__label">
              <span role="text">
                <span class="nhsuk-u-visually-hidden">Important: </span>You will not see these codes again
              </span>
            </h2>
            <p>
              If you lose your phone, each code lets you sign in once. Keep them somewhere safe, away from your phone.
            </p>
          </div>
          <ul class="nhsuk-list" data-testid="recovery-codes">
            {codes.map((code) => (
              <li>
                <code>{code}</code>
              </li>
            ))}
          </ul>
          <a class="nhsuk-button" href={next} role="button" draggable="false">
            I have saved my codes, continue
          </a>
        </div>
      </div>
    </Layout>
  );
}
