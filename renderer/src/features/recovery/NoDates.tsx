/** A workspace without dates (a spend table): nothing on this screen can be computed, and what to import so it can. */
export function NoDates({ onImport }: { onImport: () => void }) {
  return (
    <>
      <div className="screen-head">
        <div>
          <h1>Recovery</h1>
          <p className="muted">Relationships showing early signs of defection, judged against each customer's own rhythm.</p>
        </div>
      </div>
      <div className="notice" role="status" data-testid="recovery-no-dates">
        <p>
          This workspace holds a spend table without dates, so there is no purchase rhythm to judge: recovery actions, probability alive and the backtest need the date of each
          sale. Import dated transactions (a customer, a date and an amount per sale) to use this screen; profiles and growth actions work on the spend table as it is.
        </p>
        <button type="button" onClick={onImport}>
          Import dated transactions
        </button>
      </div>
    </>
  );
}
