import type { Conversation } from '../../domain/advice/conversation';
import { displayUbrn } from '../../domain/ids';
import { formatDateTime } from '../components/format';
import { ConversationSummary, Messages } from './messages';

/**
 * The advice summary: the whole conversation as one printable document, on its own (no header,
 * menu or forms), styled for paper by /advice/print.css. Printing it gives the document to file
 * in the patient's record; `?format=pdf` gives the same as a PDF (`summary-pdf.ts`).
 */
export function AdviceSummaryDocument({ conversation, printedBy }: { conversation: Conversation; printedBy: string }) {
  const title = `Advice summary ${displayUbrn(conversation.ubrn)}`;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <link rel="stylesheet" href="/assets/nhsuk-frontend.min.css" />
        <link rel="stylesheet" href="/advice/print.css" />
      </head>
      <body>
        <main class="nhsuk-width-container advice-summary" id="maincontent">
          <h1 class="nhsuk-heading-l">{title}</h1>
          <p class="nhsuk-body-s">
            Produced {formatDateTime(new Date())} by {printedBy}. Confidential: contains patient information.
          </p>
          <ConversationSummary conversation={conversation} />
          <h2 class="nhsuk-heading-m">Conversation</h2>
          <Messages conversation={conversation} fileLinks={false} />
          <p class="advice-summary__screen-only">
            <a href={`/advice/${conversation.ubrn}`}>Back to the request</a> ·{' '}
            <a href={`/advice/${conversation.ubrn}/summary?download=1`}>Download this summary</a> ·{' '}
            <a href={`/advice/${conversation.ubrn}/summary?format=pdf`} data-testid="advice-summary-pdf">
              Download as PDF
            </a>
          </p>
        </main>
      </body>
    </html>
  );
}

/** Paper styles: no links' chrome, no page breaks inside a message, black on white. */
export const PRINT_CSS = `
.advice-summary { max-width: 60rem; padding: 1rem; }
.advice-summary .nhsuk-card { border: 1px solid #768692; break-inside: avoid; }
@media print {
  .advice-summary__screen-only { display: none; }
  .advice-summary { padding: 0; }
  body { background: #fff; color: #000; }
}
`;
