import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** A page's heading with its main actions on the right. */
export function PageTitle({ title, extra }: { title: ReactNode; extra?: ReactNode }) {
  return (
    <div className="page-title">
      <Typography.Title level={3}>{title}</Typography.Title>
      {extra && <div>{extra}</div>}
    </div>
  );
}
