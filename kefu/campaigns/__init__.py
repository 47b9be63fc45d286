"""Campaigns (营销与关怀活动): messages to a segment of customers from templates."""
