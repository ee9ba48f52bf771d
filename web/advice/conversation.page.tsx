import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { ADVICE_ACTION_LABELS, type AdviceCommandType } from '../../domain/advice/commands';
import { ADVICE_OUTCOMES } from '../../domain/advice/conversation';
import { displayUbrn } from '../../domain/ids';
import { PRIORITIES, PRIORITY_LABELS } from '../../domain/priorities';
import type { AdvicePageData } from '../../services/advice/advice.service';
import { csrfField } from '../auth/middleware';
import { StaffLayout } from '../auth/staff-layout';
import { InsetText } from '../components/display';
import { Details, FileUpload, Textarea } from '../components/fields';
import { Button, ChooseOne, ErrorSummary, type FieldErrors } from '../components/forms';
import { formatDateTime } from '../components/format';
import { AdviceStateTag, ConversationSummary, Messages } from './messages';

/** A form left open after a refusal: its errors and what was typed. */
export type OpenAdviceForm = { type: AdviceCommandType; errors: FieldErrors; values: Record<string, string> };
export type AdviceNotice = { kind: 'done'; text: string } | { kind: 'refused'; text: string };

const BUTTONS: Record<AdviceCommandType, string> = {
  RESPOND: 'Send advice',
  REQUEST_INFO: 'Ask for more information',
  REPLY: 'Send reply',
  CONVERT_BY_PROVIDER: 'Convert to referral',
  CONVERT_BY_REFERRER: 'Convert to referral',
  CLOSE: 'Close conversation',
  CANCEL: 'Cancel request',
};

const HAS_TEXT: readonly AdviceCommandType[] = ['RESPOND', 'REQUEST_INFO', 'REPLY'];

function ActionForm(props: {
  c: Context;
  ubrn: string;
  version: number;
  type: AdviceCommandType;
  open?: OpenAdviceForm | undefined;
}) {
  const { type, open } = props;
  const e = open?.type === type ? open.errors : {};
  const v = open?.type === type ? open.values : {};
  const id = (field: string) => `${type}-${field}`;
  return (
    <Details summary={ADVICE_ACTION_LABELS[type]} open={open?.type === type} id={`action-${type}`}>
      <form method="post" action={`/advice/${props.ubrn}/actions/${type}`} enctype="multipart/form-data" novalidate>
        {csrfField(props.c)}
        <input type="hidden" name="expectedVersion" value={String(props.version)} />
        <input type="hidden" name="requestId" value={crypto.randomUUID()} />
        {HAS_TEXT.includes(type) && (
          <Textarea
            name={id('text')}
            label="Message"
            hint="Up to 8,000 characters"
            rows={6}
            value={v[id('text')]}
            error={e[id('text')]}
          />
        )}
        {type === 'RESPOND' && (
          <ChooseOne
            name={id('outcome')}
            legend="Outcome"
            choices={Object.entries(ADVICE_OUTCOMES).map(([value, text]) => ({ value, text }))}
            selected={v[id('outcome')]}
            error={e[id('outcome')]}
          />
        )}
        {HAS_TEXT.includes(type) && (
          <FileUpload
            name={id('attachments')}
            label="Attach a file (optional)"
            hint="PDF, PNG or JPEG, smaller than 5 MB"
            error={e[id('attachments')]}
          />
        )}
        {(type === 'CONVERT_BY_PROVIDER' || type === 'CONVERT_BY_REFERRER') && (
          <ChooseOne
            name={id('priority')}
            legend="Priority of the referral"
            choices={PRIORITIES.map((p) => ({ value: p, text: PRIORITY_LABELS[p] }))}
            selected={v[id('priority')]}
            error={e[id('priority')]}
          />
        )}
        {(type === 'CLOSE' || type === 'CANCEL') && (
          <Textarea name={id('note')} label="Note (optional)" rows={3} value={v[id('note')]} error={e[id('note')]} />
        )}
        <Button secondary={type === 'CLOSE' || type === 'CANCEL'}>{BUTTONS[type]}</Button>
      </form>
    </Details>
  );
}

function History({ data }: { data: AdvicePageData }) {
  return (
    <Details summary="History">
      <ul class="nhsuk-list nhsuk-body-s">
        {data.history.map((h) => (
          <li>
            {formatDateTime(h.at)}: {h.summary}
            {h.actorName ? ` (${h.actorName})` : ''}
          </li>
        ))}
      </ul>
    </Details>
  );
}

/** The conversation page: the request, every message, and the forms for what this actor may do. */
export function ConversationPage(props: {
  c: Context;
  data: AdvicePageData;
  notice?: AdviceNotice | undefined;
  open?: OpenAdviceForm | undefined;
  conversion?: Child;
}) {
  const { c, data, notice, open } = props;
  const ubrn = data.kind === 'live' ? data.conversation.ubrn : data.ubrn;
  const title = `Advice request ${displayUbrn(ubrn)}`;
  return (
    <StaffLayout c={c} title={open ? `Error: ${title}` : title}>
      {open && <ErrorSummary errors={open.errors} />}
      {notice && (
        <div class="nhsuk-inset-text" role="status">
          <p>{notice.text}</p>
        </div>
      )}
      <span class="nhsuk-caption-l">Advice and guidance</span>
      <h1 class="nhsuk-heading-l">{title}</h1>
      {data.kind === 'expired' ? (
        <>
          <p>
            <AdviceStateTag state={data.state} />
          </p>
          <InsetText>
            <p>
              This request to {data.serviceName} expired with its booking reference, and its messages and files were
              deleted{data.contentDeletedAt ? ` on ${formatDateTime(data.contentDeletedAt)}` : ''}.
            </p>
          </InsetText>
          <History data={data} />
        </>
      ) : (
        <>
          <ConversationSummary conversation={data.conversation} />
          {props.conversion}
          <p>
            <a href={`/advice/${ubrn}/summary`}>Advice summary (printable)</a> ·{' '}
            <a href={`/advice/${ubrn}/summary?format=pdf`}>Advice summary (PDF)</a>
          </p>
          <h2 class="nhsuk-heading-m">Messages</h2>
          <Messages conversation={data.conversation} fileLinks />
          {data.actions.length > 0 && <h2 class="nhsuk-heading-m">What you can do</h2>}
          {data.actions.map((type) => (
            <ActionForm c={c} ubrn={ubrn} version={data.conversation.version} type={type} open={open} />
          ))}
          <History data={data} />
        </>
      )}
    </StaffLayout>
  );
}
