#! argv: check
#! apps: django.contrib.auth, django.contrib.contenttypes, blog
from django.db import models


class Post(models.Model):
    title = models.CharField(max_length=200)

    class Meta:
        permissions = [
            ('add_post', 'Can add post again'),
            ('publish', 'Can publish'),
            ('publish', 'Can publish twice'),
            ('x' * 101, 'long codename'),
            ('longname', 'n' * 256),
        ]


class ThisIsAVeryLongModelNameThatGoesOnAndOnAndOnForeverAndEverAndEverUntilTheEndOfTimeAndBeyondItAll(models.Model):
    pass


class Short(models.Model):
    class Meta:
        verbose_name = 'v' * 250


class ShortProxy(Short):
    class Meta:
        proxy = True
        default_permissions = ('add', 'view_all_of_the')
        permissions = (('view_all_of_the_shortproxy', 'again'), ('change_short', 'Can change'))
