'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from './ChartFrame';
import { STATUS_COLOURS } from '@/lib/annotations/model';

export interface ReviewerBar {
  name: string;
  approvals: number;
  rejections: number;
}

/** Each reviewer's decisions, approvals and rejections stacked. */
export function ReviewersChart({ data }: { data: ReviewerBar[] }) {
  return (
    <ChartFrame label={`Decisions of ${data.length} reviewers: approvals and rejections`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 48, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" angle={-35} textAnchor="end" interval={0} fontSize={11} />
          <YAxis allowDecimals={false} fontSize={11} />
          <Tooltip />
          <Legend verticalAlign="top" height={28} />
          <Bar dataKey="approvals" name="Approvals" stackId="d" fill={STATUS_COLOURS.approved} isAnimationActive={false} />
          <Bar dataKey="rejections" name="Rejections" stackId="d" fill={STATUS_COLOURS.rejected} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
