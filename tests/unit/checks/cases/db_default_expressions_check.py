#! argv: check
#! apps: blog
from django.db import models
from django.db.models import F, Value, Q, Case, When, ExpressionWrapper
from django.db.models.functions import Lower, Now, Concat, Upper, Coalesce, Length, Left, Round, Cast, ExtractYear, Substr, Collate, LPad, Replace


class Post(models.Model):
    title = models.CharField(max_length=200)
    n = models.IntegerField(default=1)
    a = models.CharField(max_length=200, db_default=Concat('title', Value('x')))
    b = models.CharField(max_length=200, db_default=Left('title', 3))
    c = models.FloatField(db_default=Round('n', 2))
    d = models.IntegerField(db_default=Cast('title', output_field=models.IntegerField()))
    e = models.IntegerField(db_default=Case(When(n=1, then=Value(2)), default=Value(0)))
    f = models.IntegerField(db_default=Case(When(n=1, then=2)))
    g = models.IntegerField(db_default=ExpressionWrapper(F('n') * 2, output_field=models.IntegerField()))
    h = models.IntegerField(db_default=-F('n'))
    i = models.IntegerField(db_default=ExtractYear('title'))
    j = models.CharField(max_length=20, db_default=Substr('title', 1, 2))
    k = models.CharField(max_length=20, db_default=Coalesce('title', Value('z')))
    l = models.CharField(max_length=20, db_default=Collate(Value('z'), 'nocase'))
    m = models.IntegerField(db_default=F('n') % 3)
    o = models.IntegerField(db_default=Case(When(Q(n=1) | Q(n=2), then=Value(2))))
    p = models.IntegerField(db_default=Value(1) + F('n') * 2 - 1)
    q = models.CharField(max_length=20, db_default=Upper(Lower(Value('a'))))
    r = models.CharField(max_length=20, db_default=Concat(Value('a'), Value('b'), 'title'))
    s = models.CharField(max_length=20, db_default=F('title'))
    t = models.CharField(max_length=20, db_default=Lower('title'))
    u = models.IntegerField(db_default=F('n') + 1)
    v = models.BooleanField(db_default=Q(n=1))
    w = models.IntegerField(db_default=Length('title'))
    x = models.CharField(max_length=20, db_default='plain')
    y = models.DateTimeField(db_default=Now())
    z = models.CharField(max_length=20, db_default=LPad('title', 3))
    aa = models.CharField(max_length=20, db_default=Replace('title', Value('a')))
    bb = models.FloatField(db_default=Round('n'))
