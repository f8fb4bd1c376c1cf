import { Box, Text } from 'ink';
import { useMemo, useRef } from 'react';
import type { RunRecord } from '../../environment/records/run-store.js';
import type { JourneyFilter, JourneyQuery } from '../../environment/records/journey-query.js';
import type { KeyRouter } from './key-router.js';
import { KeyBar } from './KeyBar.js';
import { JourneyRow } from './JourneyRow.js';
import { listColumns } from './list-columns.js';
import { Picker, narrowOptions, type PickerOption } from './Picker.js';
import { percent, truncate } from './text-layout.js';
import { useStateRef } from './use-state-ref.js';

export interface JourneyListScreenProps {
  query: JourneyQuery;
  run: RunRecord;
  filter: JourneyFilter;
  cursor: number;
  width: number;
  height: number;
  active: boolean;
  /** Where this screen's key handler goes (the app's single input subscription). */
  keys: KeyRouter;
  onFilter(filter: JourneyFilter): void;
  onCursor(position: number | ((current: number) => number)): void;
  /** Open the journey under the cursor. */
  onOpen(): void;
  onHelp(): void;
  onQuit(): void;
}

type Editing = { kind: 'search'; text: string } | { kind: 'department' | 'scenario'; typed: string; selected: number };

export function describeFilter(filter: JourneyFilter): string {
  const parts: string[] = [];
  if (filter.wrongOnly) parts.push('wrong only');
  if (filter.department) parts.push(`department ${filter.department}`);
  if (filter.scenario) parts.push(`scenario ${filter.scenario}`);
  if (filter.search) parts.push(`"${filter.search}"`);
  return parts.join(' · ');
}

/** The run's journeys, a page at a time from SQLite, with filters and search. */
export function JourneyListScreen(props: JourneyListScreenProps) {
  const { query, run, filter, cursor, width, height } = props;
  const [editing, setEditing, editingRef] = useStateRef<Editing | undefined>(undefined);
  const totals = useMemo(() => query.totals(run.id), [query, run.id]);
  const total = useMemo(() => query.count(run.id, filter), [query, run.id, filter]);
  const rows = Math.max(3, height - 5);
  const top = useRef(0);
  if (cursor < top.current) top.current = cursor;
  if (cursor >= top.current + rows) top.current = cursor - rows + 1;
  if (top.current > Math.max(0, total - rows)) top.current = Math.max(0, total - rows);
  const offset = top.current;
  const page = useMemo(() => query.page(run.id, filter, offset, rows), [query, run.id, filter, offset, rows]);
  const pickerOptions = useMemo((): PickerOption[] => {
    if (editing?.kind === 'department')
      return [{ value: '', label: '(all departments)' }, ...query.departments(run.id).map((d) => ({ value: d, label: d }))];
    if (editing?.kind === 'scenario')
      return [
        { value: '', label: '(all scenarios)' },
        ...query.scenarios(run.id).map((s) => ({ value: s.id, label: `${s.id} (${s.journeys})` })),
      ];
    return [];
  }, [editing?.kind, query, run.id]);

  const setFilter = (next: JourneyFilter): void => {
    live.current.props.onFilter(next);
    live.current.props.onCursor(0);
  };
  const clamp = (position: number): number => Math.max(0, Math.min(live.current.total - 1, position));
  const moveBy = (delta: number): void => live.current.props.onCursor((current) => clamp(current + delta));
  const moveTo = (position: number): void => live.current.props.onCursor(clamp(position));

  // What the key handler reads: the latest render's, since keys can outrun React's re-subscription.
  const live = useRef({ props, total, rows, pickerOptions });
  live.current = { props, total, rows, pickerOptions };

  props.keys.current.list = (input, key) => {
    const { props, total, rows, pickerOptions } = live.current;
    if (!props.active) return;
    const filter = props.filter;
    const editing = editingRef.current;
    if (editing?.kind === 'search') {
      if (key.escape) return setEditing(undefined);
      if (key.return) {
        setEditing(undefined);
        return setFilter({ ...filter, search: editing.text.trim() || undefined });
      }
      if (key.backspace || key.delete) return setEditing((e) => (e?.kind === 'search' ? { kind: 'search', text: e.text.slice(0, -1) } : e));
      if (input && !key.ctrl && !key.meta) return setEditing((e) => (e?.kind === 'search' ? { kind: 'search', text: e.text + input } : e));
      return;
    }
    if (editing) {
      const narrowed = narrowOptions(pickerOptions, editing.typed);
      if (key.escape) return setEditing(undefined);
      if (key.return) {
        const chosen = narrowed[editing.selected];
        setEditing(undefined);
        if (chosen) setFilter({ ...filter, [editing.kind]: chosen.value || undefined });
        return;
      }
      const picking = (change: (e: Extract<Editing, { typed: string }>) => Editing) =>
        setEditing((e) => (e && e.kind !== 'search' ? change(e) : e));
      if (key.upArrow) return picking((e) => ({ ...e, selected: Math.max(0, e.selected - 1) }));
      if (key.downArrow) return picking((e) => ({ ...e, selected: Math.min(narrowed.length - 1, e.selected + 1) }));
      if (key.backspace || key.delete) return picking((e) => ({ ...e, typed: e.typed.slice(0, -1), selected: 0 }));
      if (input && !key.ctrl && !key.meta) return picking((e) => ({ ...e, typed: e.typed + input, selected: 0 }));
      return;
    }
    if (input === 'q') return props.onQuit();
    if (input === '?') return props.onHelp();
    if (key.return && total > 0) return props.onOpen();
    if (key.upArrow || input === 'k') return moveBy(-1);
    if (key.downArrow || input === 'j') return moveBy(1);
    if (key.pageUp) return moveBy(-rows);
    if (key.pageDown) return moveBy(rows);
    if (input === 'g' || key.home) return moveTo(0);
    if (input === 'G' || key.end) return moveTo(total - 1);
    if (input === 'w') return setFilter({ ...filter, wrongOnly: !filter.wrongOnly });
    if (input === '/') return setEditing({ kind: 'search', text: filter.search ?? '' });
    if (input === 'd') return setEditing({ kind: 'department', typed: '', selected: 0 });
    if (input === 's') return setEditing({ kind: 'scenario', typed: '', selected: 0 });
    if (input === 'c' || key.escape) return setFilter({});
  };

  if (editing && editing.kind !== 'search') {
    return (
      <Picker
        title={editing.kind === 'department' ? 'Department' : 'Scenario'}
        options={pickerOptions}
        typed={editing.typed}
        selected={editing.selected}
        width={width}
        height={height - 1}
      />
    );
  }

  const wide = width >= 120;
  const accuracy = totals.journeys > 0 ? percent(totals.correct / totals.journeys, 1) : '—';
  const headline = `Run ${run.id}${run.name ? ` (${run.name})` : ''} · ${totals.journeys} journeys · accuracy ${accuracy} · ${totals.failed} failed`;
  const filterText = describeFilter(filter);
  const columns = listColumns(width, wide);
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate-end">
        {truncate(headline, width)}
      </Text>
      {editing?.kind === 'search' ? (
        <Text wrap="truncate-end">
          <Text color="cyan">{'Search: '}</Text>
          {editing.text}
          <Text inverse> </Text>
          <Text dimColor>{'  enter apply · esc cancel'}</Text>
        </Text>
      ) : (
        <Text wrap="truncate-end" color={filterText ? 'yellow' : undefined} dimColor={!filterText}>
          {filterText
            ? `Showing ${total} of ${totals.journeys}: ${filterText}  (c clears)`
            : `All ${total} journeys · w wrong only · d department · s scenario · / search`}
        </Text>
      )}
      <Text dimColor wrap="truncate-end">
        {columns.header}
      </Text>
      {total === 0 && (
        <Text dimColor>
          {totals.journeys === 0 ? 'This run has no journeys yet.' : 'No journey matches; press c to clear the filters.'}
        </Text>
      )}
      {page.map((item, i) => (
        <JourneyRow key={`${item.idx}.${item.sample}`} item={item} selected={offset + i === cursor} format={columns.format} />
      ))}
      {Array.from({ length: Math.max(0, rows - page.length - (total === 0 ? 1 : 0)) }, (_, i) => (
        <Text key={`blank-${i}`}> </Text>
      ))}
      <KeyBar
        width={width}
        note={total > 0 ? `${cursor + 1}/${total}` : undefined}
        keys={[
          ['enter', 'open'],
          ['w', 'wrong'],
          ['d', 'dept'],
          ['s', 'scenario'],
          ['/', 'search'],
          ['?', 'keys'],
          ['q', 'quit'],
        ]}
      />
    </Box>
  );
}
