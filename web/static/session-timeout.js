// The session time-out warning. The server enforces the limits; this only tells the user
// in time, counts down, and lets them stay (a POST that counts as activity) or leave.
const box = document.getElementById('session-timeout');
if (box) {
  const idleMs = Number(box.dataset.idleMs);
  const idleWarningMs = Number(box.dataset.idleWarningMs);
  const absoluteAt = Number(box.dataset.absoluteAt);
  const absoluteWarningMs = Number(box.dataset.absoluteWarningMs);
  const countdown = box.querySelector('[data-countdown]');
  const title = box.querySelector('[data-title]');
  const spoken = box.querySelector('[data-spoken]');
  const signOut = box.querySelector('form[data-sign-out]');
  const csrf = signOut.querySelector('input[name="_csrf"]').value;
  let idleAt = Date.now() + idleMs;
  let shown = false;
  let lastSpoken = 0;

  const words = (ms) => {
    const total = Math.max(0, Math.ceil(ms / 1000));
    const minutes = Math.floor(total / 60);
    const seconds = total % 60;
    const parts = [];
    if (minutes) parts.push(`${minutes} minute${minutes === 1 ? '' : 's'}`);
    if (seconds || !minutes) parts.push(`${seconds} second${seconds === 1 ? '' : 's'}`);
    return parts.join(' ');
  };

  const leave = (reason) => {
    signOut.querySelector('input[name="reason"]').value = reason;
    signOut.submit();
  };

  const tick = () => {
    const now = Date.now();
    const idleLeft = idleAt - now;
    const absoluteLeft = absoluteAt - now;
    if (absoluteLeft <= 0) return leave('absolute');
    if (idleLeft <= 0) return leave('idle');
    const absoluteFirst = absoluteLeft <= idleLeft;
    const warn = absoluteFirst ? absoluteLeft <= absoluteWarningMs : idleLeft <= idleWarningMs;
    if (!warn) {
      if (shown) box.hidden = true;
      shown = false;
      return;
    }
    const left = absoluteFirst ? absoluteLeft : idleLeft;
    box.querySelector('[data-stay]').hidden = absoluteFirst;
    title.textContent = absoluteFirst
      ? 'Your session is ending: save your work'
      : 'You will be signed out soon because you have not done anything for a while';
    countdown.textContent = `You will be signed out in ${words(left)}.`;
    // Screen readers hear the countdown every 15 seconds, not every second.
    if (!shown || now - lastSpoken >= 15_000) {
      spoken.textContent = countdown.textContent;
      lastSpoken = now;
    }
    if (!shown) {
      box.hidden = false;
      shown = true;
      box.querySelector('#session-timeout-title').focus();
    }
  };

  box.querySelector('[data-stay]').addEventListener('click', async () => {
    const response = await fetch('/auth/keep-alive', { method: 'POST', headers: { 'X-CSRF-Token': csrf } });
    if (!response.ok) return leave('idle');
    idleAt = Date.now() + idleMs;
    tick();
  });
  // htmx requests the user made count as activity on the server too; a list refreshing itself does not.
  document.body.addEventListener('htmx:afterRequest', (event) => {
    if (!event.detail.elt?.closest('[data-background-refresh]')) idleAt = Date.now() + idleMs;
  });
  setInterval(tick, 1000);
  tick();
}
