// Progressive enhancement only: every page works without this file.
import { initAll } from '/assets/nhsuk-frontend.min.js';

document.body.classList.add('js-enabled', 'nhsuk-frontend-supported');
initAll();
// htmx swaps in new markup: give NHS.UK components inside it their behaviour too.
document.body.addEventListener('htmx:afterSettle', (event) => initAll({ scope: event.target }));
