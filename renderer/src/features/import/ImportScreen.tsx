import { useEffect, useRef, useState } from 'react';
import type { ImportPreview, ImportSummary } from '../../../../shared/contract';
import { call } from '../../api/client';
import { isCancelled } from '../../api/errors';
import { fileForBackend, pickDataFile, type PickedFile } from '../../api/files';
import { useDroppedFile, useWorkspace } from '../../app/workbench';
import { ErrorNotice, ProgressBar } from '../../components/Feedback';
import type { Progress } from '../../../../shared/contract';
import { MappingStep, type MappingChoice } from './MappingStep';
import { ImportResult } from './ImportResult';
import { RejectReasons, rejectsOfError } from './RejectedRows';

type Step = 'choose' | 'map' | 'result';
const STEPS: { id: Step; label: string }[] = [
  { id: 'choose', label: '1. Choose a file' },
  { id: 'map', label: '2. Check columns and formats' },
  { id: 'result', label: '3. Result' },
];

export function ImportScreen() {
  const { refresh, workspace } = useWorkspace();
  const [step, setStep] = useState<Step>('choose');
  const [file, setFile] = useState<PickedFile | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [dryRun, setDryRun] = useState<ImportSummary | null>(null);
  const [job, setJob] = useState<{ label: string; progress: Progress | null; controller: AbortController } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [over, setOver] = useState(false);
  const bar = useRef<HTMLDivElement>(null);
  const started = job?.controller;
  // Import and Check sit below the mapping: a bar (and its Cancel) drawn above the fold looked like no run at all.
  useEffect(() => {
    if (started) bar.current?.scrollIntoView?.({ block: 'nearest' });
  }, [started]);

  const loadPreview = async (picked: PickedFile, options: { sheet?: string; shape?: ImportPreview['shape'] } = {}) => {
    setError(null);
    setDryRun(null);
    const controller = new AbortController();
    setJob({ label: `Reading ${picked.name}`, progress: null, controller });
    try {
      const p = await call('import-preview', { path: picked.path, ...options });
      setFile(picked);
      setPreview(p);
      setStep('map');
    } catch (e) {
      setError(e);
    } finally {
      setJob(null);
    }
  };

  const choose = async () => {
    try {
      const picked = await pickDataFile();
      if (picked) await loadPreview(picked);
    } catch (e) {
      setError(e);
    }
  };

  const drop = async (files: FileList) => {
    setOver(false);
    const dropped = files[0];
    if (!dropped) return;
    try {
      await loadPreview(await fileForBackend(dropped));
    } catch (e) {
      setError(e);
    }
  };

  const runImport = async (choice: MappingChoice, dry: boolean) => {
    if (!file || !preview) return;
    const controller = new AbortController();
    setError(null);
    setJob({ label: dry ? 'Checking every row' : `Importing ${file.name}`, progress: null, controller });
    try {
      const result = await call(
        'import-run',
        {
          path: file.path,
          sheet: preview.sheet ?? undefined,
          shape: choice.shape,
          mapping: choice.mapping,
          dateFormat: choice.dateFormat ?? undefined,
          dayOne: choice.dayOne ?? undefined,
          currency: choice.currency ?? undefined,
          force: choice.force,
          ...(choice.shape === 'transactions' ? { fillDown: choice.fillDown } : {}),
          dryRun: dry,
          ...(choice.shape === 'transactions' && Number.isFinite(choice.aggregateAboveMb) ? { aggregateAboveMb: choice.aggregateAboveMb } : {}),
        },
        { signal: controller.signal, onProgress: (progress) => setJob((j) => (j ? { ...j, progress } : j)) },
      );
      if (dry) setDryRun(result);
      else {
        setSummary(result);
        setStep('result');
        await refresh();
      }
    } catch (e) {
      if (isCancelled(e)) setError({ code: 'CANCELLED', message: 'Import cancelled: nothing was changed. Adjust the mapping and import again when ready.' });
      else setError(e);
    } finally {
      setJob(null);
    }
  };

  const { droppedFile, takeDroppedFile } = useDroppedFile();
  useEffect(() => {
    if (!droppedFile || job) return;
    const file = takeDroppedFile();
    if (file) void fileForBackend(file).then((picked) => loadPreview(picked), setError);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs when a file arrives, not when the loader changes
  }, [droppedFile]);

  const restart = () => {
    setStep('choose');
    setFile(null);
    setPreview(null);
    setSummary(null);
    setDryRun(null);
    setError(null);
  };

  return (
    <div
      className="import"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        if (!job) void drop(e.dataTransfer.files);
      }}
    >
      <div className="screen-head">
        <div>
          <h1>Import data</h1>
          <p className="muted">
            Bring in {workspace?.clientName ?? 'the client'}'s sales: CSV or Excel, one row per sale. Longtail guesses the columns; you confirm.
          </p>
        </div>
        <ol className="steps" aria-label="Import steps">
          {STEPS.map((s) => (
            <li key={s.id} className={s.id === step ? 'current' : undefined} aria-current={s.id === step ? 'step' : undefined}>
              {s.label}
            </li>
          ))}
        </ol>
      </div>
      <div ref={bar}>{job && <ProgressBar label={job.label} progress={job.progress} onCancel={() => job.controller.abort()} />}</div>
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
      <RejectReasons rows={rejectsOfError(error)} label="Why the rows were rejected" />
      {step === 'choose' && (
        <div className={`dropzone${over ? ' over' : ''}`} data-testid="dropzone">
          <p>
            <strong>Drop a CSV or Excel file here</strong>
          </p>
          <p className="muted">or</p>
          <button type="button" className="primary" onClick={() => void choose()} disabled={job !== null}>
            Choose a file…
          </button>
          <p className="muted">.csv, .csv.gz, .tsv, .txt, .parquet, .xlsx, .xls, .xlsb, .ods · sales (one row per sale), a cube (customer × category × day or week, from `longtail sql`) or a spend table (one row per customer, one column per category) · the file is read, never changed</p>
        </div>
      )}
      {step === 'map' && preview && file && (
        <MappingStep
          key={`${preview.file.path}|${preview.sheet}|${preview.shape}`}
          preview={preview}
          busy={job !== null}
          dryRun={dryRun}
          onReload={(options) => void loadPreview(file, options)}
          onCheck={(choice) => void runImport(choice, true)}
          onImport={(choice) => void runImport(choice, false)}
          onBack={restart}
        />
      )}
      {step === 'result' && summary && <ImportResult summary={summary} onAnother={restart} />}
    </div>
  );
}
