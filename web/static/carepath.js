// Progressive enhancement only: every page works without this file.
import { initAll } from '/assets/nhsuk-frontend.min.js';

document.body.classList.add('js-enabled', 'nhsuk-frontend-supported');
initAll();
// htmx swaps in new markup: give NHS.UK components inside it their behaviour too.
document.body.addEventListener('htmx:afterSettle', (event) => initAll({ scope: event.target }));
// No inline handlers (the Content-Security-Policy refuses them): a button marked data-print prints the page.
document.addEventListener('click', (event) => {
  if (event.target instanceof Element && event.target.closest('[data-print]')) window.print();
});
