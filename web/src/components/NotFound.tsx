import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import type { LoadError } from './useDetail';

export interface BackLink {
  to: string;
  label: string;
}

/** The console's 404 page: an unknown address, or a record that does not exist or lies outside the user's scope. */
export function NotFound({ back }: { back?: BackLink }) {
  const navigate = useNavigate();
  return (
    <div data-testid="not-found">
      <Result
        status="404"
        title="页面不存在"
        subTitle="地址有误，或者该记录不存在、已被删除，或不在您的查看范围内。"
        extra={
          <Button type="primary" onClick={() => navigate(back?.to ?? '/', { replace: true })}>
            {back?.label ?? '返回首页'}
          </Button>
        }
      />
    </div>
  );
}

/**
 * What a detail page shows when its record could not be loaded, in words for people: a malformed id in the address
 * (the server's 400 naming the parameter) is a page that does not exist, like a 404; 403 says so; anything else is
 * a temporary failure with a retry. The server's validation text is never shown here.
 */
export function LoadFailed({
  error,
  back,
  onRetry,
}: {
  error: LoadError | null;
  back: BackLink;
  onRetry?: () => void;
}) {
  const navigate = useNavigate();
  const status = error?.status ?? 0;
  if (status === 400 || status === 404) return <NotFound back={back} />;
  const goBack = (
    <Button key="back" onClick={() => navigate(back.to)}>
      {back.label}
    </Button>
  );
  if (status === 403)
    return <Result status="403" title="无权查看" subTitle="您的角色或单位无权查看该记录。" extra={[goBack]} />;
  return (
    <Result
      status="error"
      title="加载失败"
      subTitle={status === 0 ? '网络异常，无法连接服务器，请检查网络后重试。' : '服务器暂时无法处理，请稍后重试。'}
      extra={[
        ...(onRetry
          ? [
              <Button key="retry" type="primary" onClick={onRetry}>
                重试
              </Button>,
            ]
          : []),
        goBack,
      ]}
    />
  );
}
