import { ADVICE_OUTCOMES, type AdviceMessage, type Conversation } from '../../domain/advice/conversation';
import { ADVICE_STATE_LABELS, ADVICE_STATE_TAG_COLOURS, type AdviceState } from '../../domain/advice/states';
import { displayUbrn, formatNhsNumber } from '../../domain/ids';
import { SEX_LABELS } from '../../domain/referral';
import { ROLES } from '../../domain/roles';
import { SummaryList, Tag } from '../components/display';
import { formatDate, formatDateTime } from '../components/format';
import { Paragraphs } from '../referrals/referral-summary';

export const MESSAGE_HEADINGS: Record<AdviceMessage['kind'], string> = {
  QUESTION: 'Question',
  ADVICE: 'Advice',
  INFO_REQUEST: 'Request for more information',
  REPLY: 'Reply',
  NOTE: 'Note',
};

export function AdviceStateTag({ state }: { state: AdviceState }) {
  return <Tag colour={ADVICE_STATE_TAG_COLOURS[state]}>{ADVICE_STATE_LABELS[state]}</Tag>;
}

/** The facts the summary lists, in words: the conversation page, the printable summary and its PDF all use them. */
export function conversationFacts(c: Conversation): { key: string; value: string }[] {
  const p = c.patient;
  return [
    { key: 'Booking reference (UBRN)', value: displayUbrn(c.ubrn) },
    { key: 'Status', value: ADVICE_STATE_LABELS[c.state] },
    { key: 'Patient', value: `${p.familyName.toUpperCase()}, ${p.givenName}` },
    { key: 'NHS number', value: formatNhsNumber(p.nhsNumber) },
    { key: 'Date of birth', value: formatDate(p.dateOfBirth) },
    { key: 'Sex', value: SEX_LABELS[p.sex] },
    { key: 'Asked by', value: `${c.requester.clinicianName} (${c.requester.orgCode})` },
    { key: 'Advice service', value: `${c.service.name} (${c.service.providerOrgCode})` },
    { key: 'Asked on', value: formatDateTime(c.createdAt) },
    ...(c.responseDueBy ? [{ key: 'Response due by', value: formatDate(c.responseDueBy) }] : []),
    ...(c.outcome ? [{ key: 'Outcome', value: ADVICE_OUTCOMES[c.outcome] }] : []),
    { key: 'Provider may convert to a referral', value: c.conversionAllowed ? 'Yes' : 'No' },
  ];
}

/** A message's heading ("Advice: Referral recommended"). */
export function messageHeading(m: AdviceMessage): string {
  return `${MESSAGE_HEADINGS[m.kind]}${m.outcome ? `: ${ADVICE_OUTCOMES[m.outcome]}` : ''}`;
}

/** Who wrote a message, as which role of which organisation, and when. */
export function messageByline(m: AdviceMessage): string {
  return `${m.author.displayName}, ${ROLES[m.author.role].name}, ${m.author.orgCode}, ${formatDateTime(m.at)}`;
}

/** A file's name and size as listed under its message. */
export function attachmentSize(sizeBytes: number): string {
  return `${Math.ceil(sizeBytes / 1024)} KB`;
}

/** The patient, the requester, the service and where the request stands. */
export function ConversationSummary({ conversation: c }: { conversation: Conversation }) {
  return (
    <SummaryList
      rows={conversationFacts(c).map((fact) =>
        fact.key === 'Status' ? { key: fact.key, value: <AdviceStateTag state={c.state} /> } : fact,
      )}
    />
  );
}

/** Every message, oldest first: what it is, who wrote it (role and organisation), when, and its files. */
export function Messages({ conversation, fileLinks }: { conversation: Conversation; fileLinks: boolean }) {
  return (
    <ol class="nhsuk-list" aria-label="Messages">
      {conversation.messages.map((m) => (
        <li class="nhsuk-card nhsuk-u-margin-bottom-4" data-testid="advice-message">
          <div class="nhsuk-card__content">
            <h3 class="nhsuk-heading-s nhsuk-u-margin-bottom-1">{messageHeading(m)}</h3>
            <p class="nhsuk-body-s nhsuk-u-secondary-text-color">{messageByline(m)}</p>
            <Paragraphs text={m.text} />
            {m.attachments.length > 0 && (
              <ul class="nhsuk-list nhsuk-body-s">
                {m.attachments.map((a) => (
                  <li>
                    {fileLinks ? <a href={`/advice/${conversation.ubrn}/attachments/${a.id}`}>{a.name}</a> : a.name} (
                    {attachmentSize(a.sizeBytes)})
                  </li>
                ))}
              </ul>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}
