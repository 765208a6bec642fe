'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from './ChartFrame';
import { STATUS_COLOURS } from '@/lib/annotations/model';

export interface AnnotatorBar {
  name: string;
  /** Approved / decided, in percent. */
  approvalRate: number;
}

/** The approval rate of each annotator with decided annotations. */
export function AnnotatorsChart({ data }: { data: AnnotatorBar[] }) {
  if (data.length === 0)
    return (
      <p className="rounded-md border border-dashed border-stone-300 bg-white p-3 text-sm text-stone-600">
        No annotation has been reviewed yet, so there is no approval rate to chart.
      </p>
    );
  return (
    <ChartFrame label={`Approval rate of ${data.length} annotators with decided annotations, in percent`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 48, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" angle={-35} textAnchor="end" interval={0} fontSize={11} />
          <YAxis domain={[0, 100]} unit="%" fontSize={11} />
          <Tooltip formatter={(value) => [`${value}%`, 'Approval rate']} />
          <Bar dataKey="approvalRate" name="Approval rate" fill={STATUS_COLOURS.approved} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
