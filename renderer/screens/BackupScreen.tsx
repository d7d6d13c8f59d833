import { useState } from 'react';
import {
  backupFileName,
  exportBackup,
  pendingLostByRestore,
  readBackup,
  restoreBackup,
  summarizeBackup,
  type BackupFile,
} from '../data/backup';
import { useServices } from '../app/services';
import { CheckboxField } from '../components/fields';
import { t, tCount } from '../i18n/t';

type SaveState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'working'; readonly done: number; readonly total: number }
  | { readonly kind: 'saved'; readonly fileName: string }
  | { readonly kind: 'failed'; readonly message: string };

type RestoreState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'invalid'; readonly message: string }
  | { readonly kind: 'ready'; readonly backup: BackupFile; readonly pending: number }
  | { readonly kind: 'restoring' }
  | { readonly kind: 'failed'; readonly message: string };

/** Saves the whole local database (photos included) to one file, and restores such a file. */
export function BackupScreen() {
  const { db, now } = useServices();
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [restore, setRestore] = useState<RestoreState>({ kind: 'idle' });
  const [dropPending, setDropPending] = useState(false);

  const saveBackup = async () => {
    setSave({ kind: 'working', done: 0, total: 1 });
    try {
      const at = new Date(now());
      const blob = await exportBackup(db, at, (done, total) => {
        setSave({ kind: 'working', done, total });
      });
      const settings = await db.settings.get('app');
      const code = settings?.key === 'app' ? (settings.value.center?.code ?? null) : null;
      const fileName = backupFileName(code, at);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      a.click();
      setTimeout(() => {
        URL.revokeObjectURL(url);
      }, 60_000);
      setSave({ kind: 'saved', fileName });
    } catch (e) {
      setSave({
        kind: 'failed',
        message: t('backup.saveFailed', { why: e instanceof Error ? e.message : String(e) }),
      });
    }
  };

  const chooseFile = async (file: File | undefined) => {
    setDropPending(false);
    if (file === undefined) {
      setRestore({ kind: 'idle' });
      return;
    }
    const r = await readBackup(db, file);
    if (!r.ok) {
      setRestore({ kind: 'invalid', message: r.error });
      return;
    }
    setRestore({
      kind: 'ready',
      backup: r.value,
      pending: await pendingLostByRestore(db, r.value),
    });
  };

  const doRestore = async (backup: BackupFile) => {
    setRestore({ kind: 'restoring' });
    try {
      const r = await restoreBackup(db, backup, { dropPending });
      if (r.kind === 'needs_confirmation') {
        setRestore({ kind: 'ready', backup, pending: r.pending });
        return;
      }
      // Every screen reads afresh from the restored database.
      window.location.hash = '#/';
      window.location.reload();
    } catch (e) {
      setRestore({
        kind: 'failed',
        message: t('backup.restoreFailed', { why: e instanceof Error ? e.message : String(e) }),
      });
    }
  };

  return (
    <div className="stack">
      <h1>{t('backup.title')}</h1>
      <section className="panel" aria-labelledby="save-title">
        <h2 id="save-title">{t('backup.save')}</h2>
        <p className="muted">{t('backup.save.lead')}</p>
        {save.kind === 'working' ? (
          <div>
            <progress
              aria-label={t('backup.progress')}
              value={save.done}
              max={Math.max(1, save.total)}
            />{' '}
            <span className="muted">
              {save.done.toLocaleString()} / {save.total.toLocaleString()}
            </span>
          </div>
        ) : null}
        {save.kind === 'saved' ? (
          <p className="notice ok" role="status">
            {t('backup.saved', { file: save.fileName })}
          </p>
        ) : null}
        {save.kind === 'failed' ? (
          <p className="notice bad" role="alert">
            {save.message}
          </p>
        ) : null}
        <button
          type="button"
          className="primary"
          disabled={save.kind === 'working'}
          onClick={() => void saveBackup()}
        >
          {t('backup.saveButton')}
        </button>
      </section>

      <section className="panel" aria-labelledby="restore-title">
        <h2 id="restore-title">{t('backup.restore')}</h2>
        <p className="muted">{t('backup.restore.lead')}</p>
        <div className="field">
          <label htmlFor="backup-file">{t('backup.file')}</label>
          <input
            id="backup-file"
            type="file"
            accept="application/json,.json"
            aria-describedby={restore.kind === 'invalid' ? 'backup-file-error' : undefined}
            aria-invalid={restore.kind === 'invalid' ? true : undefined}
            onChange={(e) => void chooseFile(e.target.files?.[0])}
          />
          {restore.kind === 'invalid' ? (
            <div className="field-error" id="backup-file-error" role="alert">
              {restore.message}
            </div>
          ) : null}
        </div>
        {restore.kind === 'ready' ? (
          <RestorePreview
            backup={restore.backup}
            pending={restore.pending}
            dropPending={dropPending}
            setDropPending={setDropPending}
            onRestore={() => void doRestore(restore.backup)}
          />
        ) : null}
        {restore.kind === 'restoring' ? <p role="status">{t('backup.restoring')}</p> : null}
        {restore.kind === 'failed' ? (
          <p className="notice bad" role="alert">
            {restore.message}
          </p>
        ) : null}
      </section>
    </div>
  );
}

function RestorePreview({
  backup,
  pending,
  dropPending,
  setDropPending,
  onRestore,
}: {
  backup: BackupFile;
  pending: number;
  dropPending: boolean;
  setDropPending: (v: boolean) => void;
  onRestore: () => void;
}) {
  const s = summarizeBackup(backup);
  return (
    <div className="restore-preview" role="region" aria-label={t('backup.preview')}>
      <dl className="facts">
        <dt>{t('backup.madeAt')}</dt>
        <dd>{new Date(s.exportedAt).toLocaleString()}</dd>
        <dt>{t('backup.center')}</dt>
        <dd>{s.centerCode ?? '—'}</dd>
        <dt>{t('backup.tickets')}</dt>
        <dd>{(s.counts.tickets ?? 0).toLocaleString()}</dd>
        <dt>{t('backup.customers')}</dt>
        <dd>{(s.counts.customers ?? 0).toLocaleString()}</dd>
        <dt>{t('backup.photos')}</dt>
        <dd>{(s.counts.photos ?? 0).toLocaleString()}</dd>
        <dt>{t('backup.waiting')}</dt>
        <dd>{(s.counts.outbox ?? 0).toLocaleString()}</dd>
      </dl>
      <p className="notice warn">{t('backup.replaces')}</p>
      {pending > 0 ? (
        <div className="notice bad" role="alert">
          <p>{tCount('backup.pendingLost', pending)}</p>
          <CheckboxField
            label={t('backup.dropPending')}
            checked={dropPending}
            onChange={setDropPending}
          />
        </div>
      ) : null}
      <button
        type="button"
        className="primary"
        disabled={pending > 0 && !dropPending}
        onClick={onRestore}
      >
        {t('backup.restoreButton')}
      </button>
    </div>
  );
}
