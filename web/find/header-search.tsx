import type { Context } from 'hono';
import { FIND_PERMISSIONS } from '../../domain/find/permissions';
import { isPermitted } from '../../domain/permissions';
import { csrfField } from '../auth/middleware';

/**
 * The header's "find a referral" box on every signed-in page of a role that may search. A POST
 * with the CSRF token: an NHS number or a name typed here must never reach a URL, a proxy's
 * log or the browser's history.
 */
export function HeaderSearch({ c }: { c: Context }) {
  const actor = c.get('actor');
  if (!actor || !isPermitted(FIND_PERMISSIONS, 'findReferral', actor.role)) return null;
  return (
    <search class="nhsuk-header__search">
      <form class="nhsuk-header__search-form" id="search" action="/find" method="post" novalidate>
        {csrfField(c)}
        <div class="nhsuk-form-group">
          <label class="nhsuk-label nhsuk-u-visually-hidden" for="search-field">
            Find a referral by booking reference, NHS number or surname
          </label>
          <div class="nhsuk-input-wrapper">
            <input
              class="nhsuk-input"
              id="search-field"
              name="q"
              type="search"
              autocomplete="off"
              spellcheck={false}
              placeholder="Find a referral"
            />
            <button
              class="nhsuk-button nhsuk-button--icon nhsuk-button--small"
              data-module="nhsuk-button"
              type="submit"
              aria-label="Find a referral"
            >
              <svg
                class="nhsuk-icon nhsuk-icon--search"
                xmlns="http://www.w3.org/2000/svg"
                viewBox="0 0 24 24"
                width="16"
                height="16"
                focusable="false"
                aria-hidden="true"
              >
                <path d="m20.7 18.9-4.1-4.1a7 7 0 1 0-1.4 1.4l4 4.1a1 1 0 0 0 1.5 0c.4-.4.4-1 0-1.4ZM6 10.6a5 5 0 1 1 10 0 5 5 0 0 1-10 0Z" />
              </svg>
            </button>
          </div>
        </div>
      </form>
    </search>
  );
}
