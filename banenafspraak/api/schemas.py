"""The API's resources as pydantic schemas (they generate the OpenAPI document).

Field names are camelCase throughout (Dutch API Design Rules: one convention, held).
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

Sector = Literal["market", "government"]


class Problem(Schema):
    """An error (RFC 9457 problem details), sent as ``application/problem+json``."""

    type: str = Field(description="URI of the problem type; about:blank for plain HTTP errors")
    title: str
    status: int
    detail: str = ""
    instance: str = Field("", description="The path that was asked for")


class Link(Schema):
    href: str


class PageLinks(Schema):
    self: Link
    first: Link
    last: Link
    prev: Link | None = None
    next: Link | None = None


class Gemeente(Schema):
    code: str = Field(description="CBS municipality code, e.g. GM0014")
    name: str


class GeoJSONGeometry(Schema):
    type: Literal["MultiPolygon"]
    coordinates: list[list[list[list[float]]]] = Field(
        description="WGS 84 longitude/latitude (RFC 7946)"
    )


class Region(Schema):
    code: str = Field(description="CBS code of the arbeidsmarktregio, e.g. AM01")
    name: str
    centrumgemeente: Gemeente | None
    gemeenten: list[Gemeente]
    geometry: GeoJSONGeometry | None = Field(
        None, description="Only with ?geometry=true: the outline as GeoJSON"
    )
    links: dict[str, Link]


class RegionList(Schema):
    items: list[Region]
    links: dict[str, Link]


class PublicationFile(Schema):
    format: Literal["pdf", "csv", "xlsx"]
    mediaType: str
    href: str
    sha256: str
    size: int


class Publication(Schema):
    id: int
    title: str
    summary: str
    publishedAt: datetime
    runId: int
    inputsChecksum: str
    isDemo: bool
    files: list[PublicationFile]
    links: dict[str, Link]


class PublicationPage(Schema):
    items: list[Publication]
    page: int
    pageSize: int
    totalItems: int
    links: PageLinks


class Parameters(Schema):
    alpha: float = Field(description="α, the Wajong correction")
    beta: float = Field(description="β, the unemployment correction")


class NationalTarget(Schema):
    year: int
    sector: Sector
    jobs: int
    source: str
    interpolated: bool


class Allocation(Schema):
    regionCode: str
    year: int
    sector: Sector
    jobs: int


class Distribution(Schema):
    runId: int
    publicationId: int
    publishedAt: datetime
    inputsChecksum: str = Field(description="SHA-256 of the run's canonical inputs")
    algorithmVersion: str
    methodVersion: int | None
    parameters: Parameters
    isDemo: bool
    years: list[int]
    nationalTargets: list[NationalTarget]
    allocations: list[Allocation] = Field(description="Per region × year × sector")
    links: dict[str, Link]


class DistributionSummary(Schema):
    runId: int
    publicationId: int
    publishedAt: datetime
    inputsChecksum: str
    links: dict[str, Link]


class DistributionPage(Schema):
    items: list[DistributionSummary]
    page: int
    pageSize: int
    totalItems: int
    links: PageLinks


class RegionInputs(Schema):
    employment: int
    employmentMarket: int | None
    employmentGovernment: int | None
    unemployed: int
    wajong: int


class RoundingStep(Schema):
    year: int
    target: int = Field(description="National target T for the year and sector")
    quota: float = Field(description="T × share, before rounding")
    wholeJobs: int
    remainder: float
    leftOver: int = Field(description="Jobs left nationally after every region's whole part")
    remainderRank: int = Field(
        description="Place of this remainder among all regions (1 = largest)"
    )
    extraJob: bool
    jobs: int = Field(description="The final number: wholeJobs + (1 if extraJob)")


class SectorExplanation(Schema):
    sector: Sector
    employmentBasis: Literal["market", "government", "total"]
    employment: int
    nationalEmployment: int
    wajongIndex: float = Field(description="a_r = (W_r / E_r) / (W / E)")
    unemploymentIndex: float = Field(description="b_r = (U_r / E_r) / (U / E)")
    weight: float = Field(description="g_r = E_r × a_r^α × b_r^(−β)")
    weightSum: float
    share: float = Field(description="s_r = g_r / Σ g")
    steps: list[RoundingStep]


class Jobs(Schema):
    market: int
    government: int
    total: int


class Sensitivity(Schema):
    figure: Literal["unemployed", "employment"]
    changePercent: int
    year: int
    before: Jobs
    after: Jobs


class Explanation(Schema):
    runId: int
    regionCode: str
    parameters: Parameters
    inputs: RegionInputs
    nationalUnemployed: int
    nationalWajong: int
    sectors: list[SectorExplanation]
    sensitivity: list[Sensitivity]
    links: dict[str, Link]
