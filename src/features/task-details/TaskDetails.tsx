/**
 * One open task, top to bottom: header with facts and actions, the error box of a failed task or
 * the result of a succeeded one, the stage timeline, the live log and the parameters. The log is
 * loaded here once and shared by the log view and the error report.
 */
import type { RefObject } from 'react';
import { isActiveStatus, type Task } from '../../api/schemas';
import { ErrorBox } from './ErrorBox';
import { LogView } from './LogView';
import { ParamsList } from './ParamsList';
import { StageTimeline } from './StageTimeline';
import { TaskHeader } from './TaskHeader';
import { TaskResultView } from './TaskResultView';
import { useLogTail } from './useLogTail';

interface TaskDetailsProps {
  task: Task;
  headingId: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
}

export function TaskDetails({ task, headingId, headingRef }: TaskDetailsProps) {
  const logs = useLogTail(task.id, isActiveStatus(task.status));
  const entries = logs.data?.entries ?? [];
  return (
    <div className="td-body">
      <TaskHeader task={task} headingId={headingId} headingRef={headingRef} />
      {task.status === 'failed' && <ErrorBox task={task} logs={entries} />}
      {task.status === 'succeeded' && <TaskResultView task={task} />}
      <StageTimeline task={task} />
      <LogView tail={logs.data} pending={logs.isPending} error={logs.error} />
      <ParamsList params={task.params} />
    </div>
  );
}
