// One modal dialog at a time, asked for with a promise: confirmations and makemigrations' questions.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';

export interface DialogButton {
  label: string;
  value: string;
  kind?: 'primary' | 'danger';
}
export interface DialogRequest {
  title: string;
  body: ReactNode;
  buttons: DialogButton[];
  /** Show a text input; its text is the answer when a button with value '__input' is pressed or Enter. */
  input?: { label: string; initial?: string };
  /** Long answers (a menu of options) stack one per line. */
  stacked?: boolean;
}
type Pending = DialogRequest & { resolve(value: string | null): void };

export function useDialog(): [(req: DialogRequest) => Promise<string | null>, ReactNode] {
  const [pending, setPending] = useState<Pending | null>(null);
  const ask = useCallback(
    (req: DialogRequest) => new Promise<string | null>((resolve) => setPending({ ...req, resolve })),
    [],
  );
  const node = pending ? <DialogView request={pending} onClose={(v) => { setPending(null); pending.resolve(v); }} /> : null;
  return [ask, node];
}

function DialogView({ request, onClose }: { request: DialogRequest; onClose(value: string | null): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState(request.input?.initial ?? '');
  const closed = useRef(false);
  const close = (v: string | null) => {
    if (closed.current) return;
    closed.current = true;
    ref.current?.close();
    onClose(v);
  };
  useEffect(() => {
    const d = ref.current!;
    if (!d.open) d.showModal();
  }, []);
  const answer = (b: DialogButton) => close(b.value === '__input' ? text : b.value);
  return (
    <dialog
      ref={ref}
      className="modal"
      aria-labelledby="modal-title"
      onCancel={(e) => {
        e.preventDefault();
        close(null);
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          const primary = request.buttons.find((b) => b.kind === 'primary') ?? request.buttons[0];
          if (primary) answer(primary);
        }}
      >
        <div className="modal-head" id="modal-title">{request.title}</div>
        <div className="modal-body">
          {request.body}
          {request.input && (
            <label>
              <span className="sr-only">{request.input.label}</span>
              <input autoFocus value={text} onChange={(e) => setText(e.target.value)} aria-label={request.input.label} />
            </label>
          )}
        </div>
        <div className={`modal-actions ${request.stacked ? 'stacked' : ''}`}>
          {request.buttons.map((b, i) => (
            <button
              key={b.value}
              type={b.kind === 'primary' ? 'submit' : 'button'}
              className={`btn ${b.kind ?? ''}`}
              autoFocus={!request.input && i === request.buttons.length - 1}
              onClick={(e) => {
                e.preventDefault();
                answer(b);
              }}
            >
              {b.label}
            </button>
          ))}
        </div>
      </form>
    </dialog>
  );
}
