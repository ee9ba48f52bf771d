// Security keys and passkeys: the browser half of web/auth/passkeys.routes.ts.
// Needs JavaScript (WebAuthn has no form-only equivalent); everything else works without it.
const { startAuthentication, startRegistration, browserSupportsWebAuthn } = window.SimpleWebAuthnBrowser;

async function post(url, csrf, body) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
    body: JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({ error: 'Something went wrong. Try again.' }));
  return response.ok ? data : { error: data.error ?? 'Something went wrong. Try again.' };
}

function wire(container, buttonId, run) {
  if (!container) return;
  const button = document.getElementById(buttonId);
  const message = container.querySelector('[data-passkey-message]');
  const say = (text, isError) => {
    message.textContent = text;
    message.classList.toggle('nhsuk-error-message', Boolean(isError));
  };
  if (!browserSupportsWebAuthn()) return say('This browser cannot use security keys or passkeys.');
  say('');
  button.hidden = false;
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await run(container.dataset.csrf, say);
    } catch {
      say('The security key did not respond, or you cancelled. Try again.', true);
    } finally {
      button.disabled = false;
    }
  });
}

wire(document.querySelector('[data-passkey-sign-in]'), 'passkey-sign-in', async (csrf, say) => {
  const options = await post('/auth/passkey/options', csrf, {});
  if (options.error) return say(options.error, true);
  const response = await startAuthentication({ optionsJSON: options });
  const result = await post('/auth/passkey/sign-in', csrf, response);
  if (result.error) return say(result.error, true);
  window.location.assign(result.redirect);
});

const confirm = document.querySelector('[data-passkey-confirm]');
wire(confirm, 'passkey-confirm', async (csrf, say) => {
  const options = await post('/auth/confirm/passkey/options', csrf, {});
  if (options.error) return say(options.error, true);
  const response = await startAuthentication({ optionsJSON: options });
  const result = await post('/auth/confirm/passkey', csrf, response);
  if (result.error) return say(result.error, true);
  window.location.assign(confirm.dataset.next);
});

wire(document.querySelector('[data-passkey-register]'), 'passkey-register', async (csrf, say) => {
  const name = document.getElementById('passkey-name').value.trim();
  if (!name) {
    document.getElementById('passkey-name').focus();
    return say('Enter a name for the security key', true);
  }
  const options = await post('/auth/passkeys/options', csrf, {});
  if (options.error) return say(options.error, true);
  const response = await startRegistration({ optionsJSON: options });
  const result = await post('/auth/passkeys', csrf, { name, response });
  if (result.error) return say(result.error, true);
  window.location.assign('/auth/security');
});
