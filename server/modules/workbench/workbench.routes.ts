import { TaskList } from '../../../common/contracts/workbench.contract.js';
import type { App } from '../../platform/http.js';
import { actorOf } from '../../platform/http.js';
import type { CaseDeps } from '../cases/cases.api.js';
import { myTasks } from './workbench.service.js';

export function workbenchRoutes(app: App, deps: CaseDeps) {
  app.get(
    '/api/v1/me/tasks',
    {
      config: { ability: 'case.tasks' },
      schema: {
        tags: ['cases'],
        summary:
          '我的待办：可由我办理的案件步骤、五个工作日内到期及已超期的办案期限、待公示的决定；监督人员另见超期案件与逾期公示',
        response: { 200: TaskList },
      },
    },
    async (req) => myTasks(deps, actorOf(req)),
  );
}
