import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useMemo } from 'react';
import type { User } from '../../../../common/api-types.js';
import { ADMIN_ROLES, BUSINESS_ROLES, ROLE_LABELS, type Role } from '../../../../common/enums.js';
import { allows, mayDo } from '../../app/abilities';
import { useMe } from '../../app/auth';
import { api } from '../../api/client';
import { OrgSelect } from '../../components/OrgSelect';
import { useModalForm } from '../../components/useModalForm';

interface UserFormValues {
  username?: string;
  displayName: string;
  password?: string;
  orgId: string;
  roles: Role[];
}

const FIELDS = ['username', 'displayName', 'password', 'orgId', 'roles'] as const;
const SEPARATED: Role[] = ['sysadmin', 'secadmin', 'auditor'];

export interface UserFormModalProps {
  open: boolean;
  user: User | null;
  onClose: () => void;
  onSaved: (user: User) => void;
}

export function UserFormModal({ open, user, onClose, onSaved }: UserFormModalProps) {
  const me = useMe();
  const [form] = Form.useForm<UserFormValues>();
  const { message } = App.useApp();
  // 三员分立: the security administrator grants the administrator roles (with a one-time password the server
  // issues), the others business roles only
  const adminGrantor = mayDo(me, 'user.grant_admin_roles');
  const assignable: readonly Role[] = adminGrantor ? ADMIN_ROLES : BUSINESS_ROLES;
  // another org of the scope: an account's org is part of its profile (not the security administrator's to change)
  const canMoveOrg = mayDo(me, 'user.place_in_scope') && (user ? allows(user, 'update_profile') : !adminGrantor);

  const initialValues = useMemo<Partial<UserFormValues>>(
    () =>
      user
        ? { displayName: user.displayName, orgId: user.orgId, roles: user.roles }
        : { orgId: me.org.id, roles: [adminGrantor ? 'auditor' : 'officer'] },
    [user, me, adminGrantor],
  );

  const { formError, saving, submitWith } = useModalForm(form, {
    open,
    initialValues,
    fields: FIELDS,
    codeToField: { username_taken: 'username', weak_password: 'password', separation_of_duties: 'roles' },
  });

  const submit = () =>
    submitWith(async (values) => {
      const saved = user
        ? await api.patch<User>(`/api/v1/users/${encodeURIComponent(user.id)}`, {
            displayName: values.displayName.trim(),
            roles: values.roles,
            ...(canMoveOrg && values.orgId !== user.orgId ? { orgId: values.orgId } : {}),
          })
        : await api.post<User>('/api/v1/users', {
            username: values.username?.trim(),
            displayName: values.displayName.trim(),
            ...(adminGrantor ? {} : { password: values.password }),
            orgId: values.orgId,
            roles: values.roles,
          });
      message.success('已保存');
      onSaved(saved);
    });

  return (
    <Modal
      open={open}
      title={user ? `编辑用户 ${user.username}` : '新建用户'}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      width={600}
      style={{ maxWidth: 'calc(100vw - 16px)' }}
    >
      {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} /> : null}
      <Form<UserFormValues>
        form={form}
        name="userForm"
        layout="vertical"
        initialValues={initialValues}
        onFinish={submit}
        aria-label={user ? '编辑用户' : '新建用户'}
      >
        {user ? null : (
          <Form.Item
            name="username"
            label="用户名"
            rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
          >
            <Input placeholder="登录用户名" autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item
          name="displayName"
          label="姓名"
          rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}
        >
          <Input placeholder="真实姓名" autoComplete="off" />
        </Form.Item>
        {user || adminGrantor ? null : (
          <Form.Item
            name="password"
            label="初始密码"
            rules={[{ required: true, message: '请输入初始密码' }]}
            extra="请设置符合密码策略的强密码，并提醒用户首次登录后修改。"
          >
            <Input.Password placeholder="初始密码" autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item name="orgId" label="所属单位" rules={[{ required: true, message: '请选择所属单位' }]}>
          <OrgSelect
            valueLabel={user ? user.orgName : me.org.name}
            disabled={!!user && !canMoveOrg}
            placeholder="输入名称搜索单位"
          />
        </Form.Item>
        <Form.Item
          name="roles"
          label="角色"
          rules={[
            { required: true, type: 'array', min: 1, message: '请至少选择一个角色' },
            {
              validator: async (_r, value: Role[] | undefined) => {
                if ((value ?? []).filter((r) => SEPARATED.includes(r)).length > 1) {
                  throw new Error('系统管理员、安全管理员、安全审计员须由不同人员担任（三员分立）');
                }
              },
            },
          ]}
        >
          <Select
            mode="multiple"
            placeholder="请选择角色"
            options={assignable.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
