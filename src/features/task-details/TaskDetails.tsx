/**
 * One open task, top to bottom: header with facts and actions, the error box of a failed task or
 * the result of a succeeded one, the attempt history, the stage timeline, the live log and the
 * parameters. The log and the detail (attempts) are loaded here once and shared by the views and
 * the error report.
 */
import type { RefObject } from 'react';
import { isActiveStatus, type Task } from '../../api/schemas';
import { AttemptHistory } from './AttemptHistory';
import { ErrorBox } from './ErrorBox';
import { LogView } from './LogView';
import { ParamsList } from './ParamsList';
import { StageTimeline } from './StageTimeline';
import { TaskHeader } from './TaskHeader';
import { TaskResultView } from './TaskResultView';
import { UnreadableNotice } from './UnreadableNotice';
import { useLogTail } from './useLogTail';
import { useTaskDetail } from './useOpenTask';

interface TaskDetailsProps {
  task: Task;
  headingId: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
}

export function TaskDetails({ task, headingId, headingRef }: TaskDetailsProps) {
  const logs = useLogTail(task.id, isActiveStatus(task.status));
  const entries = logs.data?.entries ?? [];
  const detail = useTaskDetail(task);
  const attempts = detail.data?.attempts;
  return (
    <div className="td-body">
      <TaskHeader task={task} headingId={headingId} headingRef={headingRef} />
      <UnreadableNotice id={task.id} />
      {task.status === 'failed' && <ErrorBox task={task} attempts={attempts} logs={entries} />}
      {task.status === 'succeeded' && <TaskResultView task={task} />}
      <AttemptHistory
        task={task}
        attempts={attempts}
        loading={detail.isPending}
        error={detail.error}
        onRetry={() => void detail.refetch()}
      />
      <StageTimeline task={task} />
      <LogView tail={logs.data} pending={logs.isPending} error={logs.error} />
      <ParamsList type={task.type} params={task.params} />
    </div>
  );
}
