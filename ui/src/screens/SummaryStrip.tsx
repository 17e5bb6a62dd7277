import { formatNumber } from "../format";
import { useAppInfo } from "../ipc";

/** Database-wide counts on the home screen, from the same `app_info` call as Settings. */
export function SummaryStrip() {
  const info = useAppInfo();
  const value = (n: number | undefined) => (n === undefined ? "—" : formatNumber(n));
  return (
    <dl className="summary" aria-busy={info.isPending} data-testid="home-summary">
      <div className="summary__item">
        <dt>Goals in this database</dt>
        <dd data-testid="home-goal-count">{value(info.data?.goalCount)}</dd>
      </div>
      <div className="summary__item">
        <dt>People in this organisation</dt>
        <dd data-testid="home-person-count">{value(info.data?.personCount)}</dd>
      </div>
      <div className="summary__item">
        <dt>Database</dt>
        <dd className="summary__status">
          {info.isPending ? "Opening…" : info.isError ? "Unavailable" : `Schema v${formatNumber(info.data.schemaVersion)}`}
        </dd>
      </div>
    </dl>
  );
}
