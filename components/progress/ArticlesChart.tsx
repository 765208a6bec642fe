'use client';

import { truncate } from '@/lib/text/truncate';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from './ChartFrame';
import { STATUS_COLOURS } from '@/lib/annotations/model';

export interface ArticleBar {
  title: string;
  pending: number;
  approved: number;
  rejected: number;
}

const short = (title: string) => truncate(title, 18, { unit: 'utf16' });

/** Annotations by status per article, stacked: the most annotated articles. */
export function ArticlesChart({ data }: { data: ArticleBar[] }) {
  return (
    <ChartFrame label={`Annotations by status for the ${data.length} most annotated articles`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 48, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="title" tickFormatter={short} angle={-35} textAnchor="end" interval={0} fontSize={11} />
          <YAxis allowDecimals={false} fontSize={11} />
          <Tooltip />
          <Legend verticalAlign="top" height={28} />
          <Bar dataKey="approved" name="Approved" stackId="status" fill={STATUS_COLOURS.approved} isAnimationActive={false} />
          <Bar dataKey="rejected" name="Rejected" stackId="status" fill={STATUS_COLOURS.rejected} isAnimationActive={false} />
          <Bar dataKey="pending" name="Pending" stackId="status" fill={STATUS_COLOURS.pending} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
